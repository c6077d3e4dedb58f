import Foundation

/// Who is running the command: the login name, unless overridden (`--reviewer`, `DOCKET_USER` for tests and bots).
enum Identity {
    static var loginName: String {
        let env = ProcessInfo.processInfo.environment
        if let user = env["DOCKET_USER"], !user.isEmpty { return user }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return env["USER"] ?? "unknown"
    }
}
