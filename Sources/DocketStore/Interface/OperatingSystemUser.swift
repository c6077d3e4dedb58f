import Foundation

/// The operating system's name for the user running this process (not `DOCKET_USER`, which anyone can set):
/// the audit log records it beside the acting name whenever the two differ, so that an override or an admin
/// acting for someone else leaves both names behind.
public enum OperatingSystemUser {
    /// The effective user's login name, else `uid N`.
    public static let name: String = {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }()
}
