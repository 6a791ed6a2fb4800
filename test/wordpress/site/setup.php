<?php
// Installs WordPress into the test's database and prepares the pages (php-cli, run by test/e2e/wordpress.test.ts):
// the site, the district theme, the ak1-form plugin activated with its settings, and two pages with the shortcode.
// argv: the CDN's script URL, the backend endpoint.
$_SERVER['HTTP_HOST'] = '127.0.0.1';
// No mail: the installer's notice to the admin would call sendmail, which a test machine has not.
function wp_mail() {
    return true;
}
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

wp_install('Disnakertrans Kabupaten Serang', 'admin', 'admin@example.org', false, '', 'ak1-e2e-password');
switch_theme('district-theme');
$activated = activate_plugin('ak1-form/ak1-form.php');
if (is_wp_error($activated)) {
    fwrite(STDERR, $activated->get_error_message());
    exit(1);
}
update_option('ak1_form_settings', array(
    'endpoint' => $argv[2],
    'district-code' => '36.04',
    'district-name' => 'Kabupaten Serang',
    'office-name' => 'Disnakertrans Kabupaten Serang',
    'office-address' => 'Jl. Veteran No. 1, Serang',
    'documents' => 'KTP',
    'script-url' => $argv[1],
));
$form = wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Kartu Kuning', 'post_content' => "<p>Isi formulir di bawah ini.</p>\n[ak1_form]"));
$english = wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Yellow card', 'post_content' => '[ak1_form lang="en"]'));
echo json_encode(array('form' => $form, 'english' => $english)), "\n";
