// libchafa for Docket's image drawing: pictures turned into terminal cells (Unicode symbols with colours),
// or into sixel or kitty graphics escape sequences.
#include <chafa.h>
