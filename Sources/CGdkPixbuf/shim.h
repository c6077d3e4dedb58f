// gdk-pixbuf for Docket's image decoding, with the two things Swift cannot write itself: a signal handler
// (g_signal_connect is a macro taking a C callback) and the size check that runs before any pixel is decoded.
#include <gdk-pixbuf/gdk-pixbuf.h>

// The image's size from its header, and whether it was refused (over the pixel limit, or empty).
typedef struct {
    int width;
    int height;
    long long max_pixels;
    int refused;
    // Larger images are decoded straight to this longer side (0: full size); JPEG then decodes at a
    // reduced scale, which is several times faster than decoding in full and scaling afterwards.
    int max_side;
} docket_size_check;

// Runs when the loader has read the header and before it allocates the image. Asking for a 0 x 0
// image makes gdk-pixbuf's loaders stop with an error instead of allocating (gdk_pixbuf_get_file_info
// stops its loader the same way), so a decompression bomb is never decoded.
static void docket_size_prepared(GdkPixbufLoader *loader, int width, int height, gpointer data) {
    docket_size_check *check = (docket_size_check *)data;
    check->width = width;
    check->height = height;
    if (width <= 0 || height <= 0 || (long long)width * (long long)height > check->max_pixels) {
        check->refused = 1;
        gdk_pixbuf_loader_set_size(loader, 0, 0);
    } else if (check->max_side > 0 && (width > check->max_side || height > check->max_side)) {
        double factor = (double)check->max_side / (double)(width > height ? width : height);
        int w = (int)(width * factor), h = (int)(height * factor);
        gdk_pixbuf_loader_set_size(loader, w > 0 ? w : 1, h > 0 ? h : 1);
    }
}

// Decodes `length` bytes with the loader for `format` ("png", "jpeg", "gif", "webp"), refusing images of
// more than `check->max_pixels` pixels before decoding them. Returns a new reference, or NULL with
// `*error` set (or with `check->refused`). Bytes go in blocks so that a refusal stops the feed early.
static inline GdkPixbuf *docket_pixbuf_decode(const char *format, const guchar *bytes, gsize length,
                                               docket_size_check *check, GError **error) {
    GdkPixbufLoader *loader = gdk_pixbuf_loader_new_with_type(format, error);
    if (loader == NULL) return NULL;
    g_signal_connect(loader, "size-prepared", G_CALLBACK(docket_size_prepared), check);
    gsize offset = 0;
    gboolean ok = TRUE;
    while (ok && offset < length && !check->refused) {
        gsize block = length - offset < 65536 ? length - offset : 65536;
        ok = gdk_pixbuf_loader_write(loader, bytes + offset, block, error);
        offset += block;
    }
    GError *closeError = NULL;
    gboolean closed = gdk_pixbuf_loader_close(loader, ok && !check->refused ? &closeError : NULL);
    if (ok && !check->refused && !closed) {
        if (error != NULL && *error == NULL) *error = closeError; else g_clear_error(&closeError);
        ok = FALSE;
    } else {
        g_clear_error(&closeError);
    }
    GdkPixbuf *pixbuf = NULL;
    if (ok && !check->refused) {
        pixbuf = gdk_pixbuf_loader_get_pixbuf(loader);
        if (pixbuf != NULL) g_object_ref(pixbuf);
    }
    g_object_unref(loader);
    return pixbuf;
}

// The size of the image in the file at `path` from its header, as gdk-pixbuf reads it without decoding.
static inline int docket_pixbuf_file_size(const char *path, int *width, int *height) {
    return gdk_pixbuf_get_file_info(path, width, height) != NULL;
}

static inline void docket_error_free(GError *error) { if (error != NULL) g_error_free(error); }
static inline void docket_object_unref(gpointer object) { g_object_unref(object); }
