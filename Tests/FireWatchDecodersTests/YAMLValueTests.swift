import FireWatchDecoders
import Foundation
import Testing

/// What every FireWatch YAML file is refused for before anything reads it.
@Suite struct YAMLValueTests {
    /// 543 bytes that stand for 9⁹ strings once the aliases are expanded.
    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    @Test(arguments: [
        (billionLaughs, 1, "anchors"),
        ("model: x\nbase: &base {lat: 1, lon: 2}\nlocation: *base\n", 2, "anchors"),
        ("defaults:\n  heartbeat_s: 60\ndevice:\n  <<: *d\n  id: smk-1\n", 4, "aliases"),
    ])
    func anchorsAndAliasesAreRefusedWithTheirLine(text: String, line: Int, anchor: String) {
        #expect {
            _ = try YAMLValue.parse(text, file: "Devices/x.yaml")
        } throws: { error in
            let e = "\(error)"
            return e.hasPrefix("Devices/x.yaml:\(line):") && e.contains(anchor) && e.contains("not accepted")
        }
    }

    @Test func deepNestingIsRefused() {
        let text = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect { _ = try YAMLValue.parse(text, file: "f.yaml") } throws: { "\($0)".contains("nested deeper than") }
    }

    @Test func plainFilesStillParse() throws {
        let v = try #require(try YAMLValue.parse("a: [1, 2, {b: '*not an alias*'}]\nstar: a*b\n", file: "f.yaml"))
        #expect(try v.mapping()["star"]?.string() == "a*b")
    }

    /// Syntax errors say what to fix, at the line to fix.
    @Test(arguments: [
        ("a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\n", 5, "duplicate key \"c\" (first at line 3)"),
        ("- {id: x, model: y, id: z}\n", 1, "duplicate key \"id\" (first at line 1)"),
        ("a: 1\nb:\n\tc: 2\n", 3, "a tab at column 1: YAML indents with spaces only"),
        ("a: 1\n  b: 2\nc: 3\n", 2, "check the indentation"),
        ("a: [1, 2\nb: 3\n", nil, "unclosed"),
    ])
    func syntaxErrorsSayWhatToFix(text: String, line: Int?, phrase: String) {
        #expect {
            _ = try YAMLValue.parse(text, file: "f.yaml")
        } throws: { error in
            let e = error as! SourceError
            return (line == nil || e.line == line) && e.message.contains(phrase)
        }
    }

    /// Keys that repeat in different mappings are not duplicates.
    @Test func theSameKeyInSiblingMappingsIsFine() throws {
        let v = try #require(try YAMLValue.parse("- {id: a, x: 1}\n- {id: b, x: 2}\n- id: c\n  x: 3\n", file: "f.yaml"))
        #expect(try v.list().count == 3)
    }
}
