# Placeholder: the annotated en_US Hunspell dictionary generator goes here.
add_custom_target(unspin_hunspell_data ALL)
