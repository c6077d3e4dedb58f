extension JSONLRowWriter {
    /// The media members of a row: a list of `{path, sha256, bytes, mime, alt, regions}`; for `datasets`
    /// the same as a JSON string plus `image`, the first image as an `Image` feature (null without one).
    func writeMedia(_ media: [MediaReference], to out: inout JSONWriter) {
        let list = MediaCoding.json(media)
        out.writeRaw(#","media":"#)
        if forDatasets {
            out.writeString(JSONWriter.string(list))
            out.writeRaw(#","image":"#)
            guard let first = media.first(where: { !$0.isURL }) else { return out.writeRaw("null") }
            let path = first.path.hasPrefix("/") || mediaFolder == nil ? first.path : mediaFolder! + "/" + first.path
            out.writeRaw(#"{"bytes":null,"path":"#)
            out.writeString(path)
            out.writeRaw("}")
        } else {
            out.write(list)
        }
    }
}
