<!doctype html>
<html <?php language_attributes(); ?>>
<head>
  <meta charset="<?php bloginfo('charset'); ?>">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="<?php echo esc_url(get_stylesheet_uri()); ?>">
  <?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
  <header class="site-header"><p class="site-title"><?php bloginfo('name'); ?></p></header>
  <div class="site-content">
    <main>
      <?php while (have_posts()) : the_post(); ?>
        <h1><?php the_title(); ?></h1>
        <?php the_content(); ?>
      <?php endwhile; ?>
    </main>
    <aside><h2>Jam layanan</h2><p>Senin–Jumat, 08.00–15.00 WIB</p></aside>
  </div>
  <footer class="site-footer"><p>&copy; Pemerintah Kabupaten Serang</p></footer>
  <?php wp_footer(); ?>
</body>
</html>
