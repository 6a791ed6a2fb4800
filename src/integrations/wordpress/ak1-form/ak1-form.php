<?php
/**
 * Plugin Name:       AK/I Kartu Kuning (ak1-form)
 * Description:       The [ak1_form] shortcode shows the AK/I job-seeker registration form (kartu kuning) on a page or post. Settings → Kartu Kuning holds the district's settings; the shortcode's attributes override them for one page.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       ak1-form
 *
 * The plugin prints the documented snippet (docs/component.md of the npm package ak1-form): the script-tag
 * bundle from a CDN (or the district's own copy) and one <ak1-form> element with its attributes. The form runs
 * in the applicant's browser and sends the registration to the district's backend (`endpoint`), not to
 * WordPress: WordPress stores only these settings.
 */

defined('ABSPATH') || exit;

const AK1_FORM_PLUGIN_VERSION = '0.1.0';
const AK1_FORM_OPTION = 'ak1_form_settings';

/** The settings: the element's attributes (as the shortcode writes them) and where the script comes from. */
function ak1_form_fields(): array {
    return array(
        'endpoint'       => array('label' => __('Backend endpoint (endpoint)', 'ak1-form'), 'type' => 'url', 'help' => __('The district backend, e.g. https://disnaker.example.go.id/api/ak1. Required.', 'ak1-form')),
        'district-code'  => array('label' => __('Regency code (district-code)', 'ak1-form'), 'type' => 'text', 'help' => __('e.g. 36.04', 'ak1-form')),
        'district-name'  => array('label' => __('District name (district-name)', 'ak1-form'), 'type' => 'text', 'help' => __('e.g. Kabupaten Serang', 'ak1-form')),
        'office-name'    => array('label' => __('Office name (office-name)', 'ak1-form'), 'type' => 'text', 'help' => ''),
        'office-address' => array('label' => __('Office address (office-address)', 'ak1-form'), 'type' => 'text', 'help' => __('Shown for the visit, and instead of the form where it cannot run.', 'ak1-form')),
        'documents'      => array('label' => __('Documents required (documents)', 'ak1-form'), 'type' => 'text', 'help' => __('Comma list, e.g. KTP,IJAZAH', 'ak1-form')),
        'lang'           => array('label' => __('Language (lang)', 'ak1-form'), 'type' => 'text', 'help' => __('id (default) or en', 'ak1-form')),
        'regions-url'    => array('label' => __('Region lists (regions-url)', 'ak1-form'), 'type' => 'url', 'help' => __('Leave empty: the lists come from beside the script.', 'ak1-form')),
        'script-url'     => array('label' => __('Script URL', 'ak1-form'), 'type' => 'url', 'help' => __('The script-tag bundle, dist/cdn/ak1-form.js of the npm package, from a CDN or your own copy.', 'ak1-form')),
    );
}

function ak1_form_defaults(): array {
    $defaults = array_fill_keys(array_keys(ak1_form_fields()), '');
    $defaults['script-url'] = 'https://cdn.jsdelivr.net/npm/ak1-form@' . AK1_FORM_PLUGIN_VERSION . '/dist/cdn/ak1-form.js';
    return $defaults;
}

function ak1_form_settings(): array {
    $saved = get_option(AK1_FORM_OPTION, array());
    return array_merge(ak1_form_defaults(), is_array($saved) ? array_intersect_key($saved, ak1_form_defaults()) : array());
}

/** [ak1_form] or [ak1_form endpoint="…" district-code="…" …]: the snippet, with the script printed once per page. */
function ak1_form_shortcode($atts): string {
    static $script_printed = false;
    $values = ak1_form_settings();
    foreach ((array) $atts as $name => $value) {
        if (is_string($name) && array_key_exists($name, $values)) {
            $values[$name] = (string) $value;
        }
    }
    $html = '';
    if (!$script_printed && $values['script-url'] !== '') {
        $script_printed = true;
        $html .= '<script type="module" src="' . esc_url($values['script-url']) . '"></script>' . "\n";
        $nomodule = preg_replace('/ak1-form\.js$/', 'ak1-form-nomodule.js', $values['script-url']);
        if ($nomodule !== $values['script-url']) {
            $html .= '<script nomodule src="' . esc_url($nomodule) . '"></script>' . "\n";
        }
    }
    $attributes = '';
    foreach ($values as $name => $value) {
        if ($name === 'script-url' || $value === '') {
            continue;
        }
        $escaped = in_array($name, array('endpoint', 'regions-url'), true) ? esc_url($value) : esc_attr($value);
        $attributes .= ' ' . $name . '="' . $escaped . '"';
    }
    // The fallback: shown until the element is defined, and where the script cannot load or run. In the
    // form's language (Indonesian unless lang="en"), whatever the WordPress admin's language is.
    $office = trim($values['office-name'] . ', ' . $values['office-address'], ', ');
    $english = $values['lang'] === 'en';
    $fallback = $english ? 'Loading the AK/I registration form…' : 'Memuat formulir pendaftaran kartu kuning (AK/I)…';
    if ($office !== '') {
        $fallback .= $english
            ? ' If it does not appear, please register in person at ' . $office . '.'
            : ' Jika formulir tidak muncul, silakan daftar langsung di ' . $office . '.';
    }
    return $html . '<ak1-form' . $attributes . '><p>' . esc_html($fallback) . '</p></ak1-form>';
}
add_shortcode('ak1_form', 'ak1_form_shortcode');

function ak1_form_sanitize($input): array {
    $clean = ak1_form_defaults();
    foreach (ak1_form_fields() as $name => $field) {
        $value = isset($input[$name]) ? trim(wp_unslash((string) $input[$name])) : '';
        $clean[$name] = $field['type'] === 'url' ? esc_url_raw($value, array('https', 'http')) : sanitize_text_field($value);
    }
    if ($clean['script-url'] === '') {
        $clean['script-url'] = ak1_form_defaults()['script-url'];
    }
    if ($clean['endpoint'] === '') {
        add_settings_error(AK1_FORM_OPTION, 'ak1-form-endpoint', __('The form needs the backend endpoint.', 'ak1-form'));
    }
    return $clean;
}

function ak1_form_admin_init(): void {
    register_setting('ak1_form', AK1_FORM_OPTION, array('type' => 'array', 'sanitize_callback' => 'ak1_form_sanitize', 'default' => ak1_form_defaults()));
    add_settings_section('ak1_form_main', '', '__return_false', 'ak1-form');
    foreach (ak1_form_fields() as $name => $field) {
        add_settings_field($name, esc_html($field['label']), 'ak1_form_field', 'ak1-form', 'ak1_form_main', array('label_for' => 'ak1-form-' . $name, 'name' => $name) + $field);
    }
}
add_action('admin_init', 'ak1_form_admin_init');

function ak1_form_field(array $args): void {
    $value = ak1_form_settings()[$args['name']];
    printf(
        '<input id="%1$s" name="%2$s[%3$s]" type="%4$s" value="%5$s" class="regular-text"%6$s>',
        esc_attr($args['label_for']),
        esc_attr(AK1_FORM_OPTION),
        esc_attr($args['name']),
        esc_attr($args['type']),
        esc_attr($value),
        $args['help'] !== '' ? ' aria-describedby="' . esc_attr($args['label_for']) . '-help"' : ''
    );
    if ($args['help'] !== '') {
        printf('<p class="description" id="%s-help">%s</p>', esc_attr($args['label_for']), esc_html($args['help']));
    }
}

function ak1_form_admin_menu(): void {
    add_options_page(__('Kartu Kuning (AK/I)', 'ak1-form'), __('Kartu Kuning', 'ak1-form'), 'manage_options', 'ak1-form', 'ak1_form_settings_page');
}
add_action('admin_menu', 'ak1_form_admin_menu');

function ak1_form_settings_page(): void {
    if (!current_user_can('manage_options')) {
        return;
    }
    echo '<div class="wrap"><h1>' . esc_html(get_admin_page_title()) . '</h1>';
    echo '<p>' . esc_html__('Put [ak1_form] on a page to show the form. Attributes override these settings for that page, e.g. [ak1_form lang="en"].', 'ak1-form') . '</p>';
    echo '<form action="options.php" method="post">';
    settings_fields('ak1_form');
    do_settings_sections('ak1-form');
    submit_button();
    echo '</form></div>';
}
