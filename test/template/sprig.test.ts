import { describe, expect, it } from "vitest";
import { errorOf, run } from "./helpers.js";

const r = (src: string, data: unknown = {}): string => run(src, data);

describe("sprig strings", () => {
  it.each([
    ['{{ "a.b.c" | replace "." "-" }}', "a-b-c"],
    ['{{ quote "a" 1 .nil }}|{{ squote "x" 2 }}', '"a" "1"|\'x\' \'2\''],
    ['{{ quote "é\\n\\"" }}', '"é\\n\\""'],
    ['{{ lower "AbC" }} {{ upper "abc" }} {{ title "hello wide-world foo_bar" }}', "abc ABC Hello Wide-World Foo_bar"],
    ['{{ substr 1 3 "hello" }} {{ substr -1 2 "hello" }} {{ substr 2 99 "hello" }}', "el he llo"],
    ['{{ trunc 3 "hello" }} {{ trunc -2 "hello" }} {{ trunc 10 "hi" }}', "hel lo hi"],
    ['{{ trim "  x \\n" }}|{{ trimAll "$" "$$5$" }}|{{ trimSuffix "-" "a-" }}|{{ trimPrefix "-" "-a" }}', "x|5|a|a"],
    ['{{ indent 2 "a\\nb" }}|{{ nindent 2 "a" }}', "  a\n  b|\n  a"],
    ['{{ cat "a" 1 .nil "b" }}', "a 1 b"],
    ['{{ join "," (splitList "." "a.b.c") }}|{{ (split "." "a.b")._1 }}', "a,b,c|b"],
    ['{{ join "-" (list 1 "a" .nil 2.5) }}', "1-a-2.5"],
    ['{{ contains "ell" "hello" }} {{ hasPrefix "he" "hello" }} {{ hasSuffix "lo" "hello" }}', "true true true"],
    ['{{ repeat 3 "ab" }} {{ nospace " a b\\tc " }}', "ababab abc"],
    ['{{ kebabcase "HTTPServerName" }} {{ snakecase "someValue" }} {{ camelcase "http_server-name" }}', "http-server-name some_value HttpServerName"],
    ['{{ toString 12 }} {{ toString .nil }} {{ toString (list 1 2) }}', "12 <nil> [1 2]"],
    ['{{ abbrev 5 "hello world" }} {{ initials "Hello World" }}', "he... HW"],
  ])("%s", (src, out) => expect(r(src, { nil: null })).toBe(out));
});

describe("sprig defaults and flow", () => {
  it.each([
    ['{{ .missing | default "d" }} {{ "" | default "d" }} {{ "x" | default "d" }} {{ 0 | default 5 }}', "d d x 5"],
    ['{{ empty "" }} {{ empty 0 }} {{ empty (list) }} {{ empty (dict) }} {{ empty .nil }} {{ empty "x" }}', "true true true true true false"],
    ['{{ coalesce "" 0 "x" "y" }} {{ coalesce "" }}', "x <no value>"],
    ['{{ ternary "y" "n" true }} {{ true | ternary "y" "n" }} {{ ternary "y" "n" false }}', "y y n"],
  ])("%s", (src, out) => expect(r(src, { nil: null })).toBe(out));
  it("fail raises a TemplateError carrying the message", () => {
    const e = errorOf('{{ fail "expected param" }}');
    expect(e.failMessage).toBe("expected param");
    expect(e.reason).toBe("error calling fail: expected param");
  });
});

describe("sprig dicts", () => {
  const data = { m: { a: { b: { c: 1 } }, x: "" }, nil: null };
  it.each([
    ['{{ dig "a" "b" "c" "def" .m }} {{ dig "a" "zz" "def" .m }} {{ dig "k" "def" .nil }}', "1 def def"],
    ['{{ $d := dict "b" 2 "a" 1 "c" }}{{ $d }}', "map[a:1 b:2 c:]"],
    ['{{ get .m "x" | quote }} {{ get .m "nope" | quote }} {{ hasKey .m "a" }} {{ hasKey .m "q" }}', '"" "" true false'],
    ['{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }} {{ unset $d "a" }}', "map[a:1 b:2] map[b:2]"],
    ['{{ keys (dict "b" 1 "a" 2) }} {{ values (dict "b" 1 "a" 2) }}', "[a b] [2 1]"],
    ['{{ pick (dict "a" 1 "b" 2 "c" 3) "a" "c" }} {{ omit (dict "a" 1 "b" 2) "a" }}', "map[a:1 c:3] map[b:2]"],
    ['{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2)) }}', "map[a:1 b:3 n:map[x:1 y:2]]"],
    ['{{ mergeOverwrite (dict "a" 1 "k" 5) (dict "a" 2 "b" 3 "k" "") }}', "map[a:2 b:3 k:5]"],
    ['{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}', "[1 3]"],
  ])("%s", (src, out) => expect(r(src, data)).toBe(out));
  it("dig fails on non-map intermediates like Go's type assertion", () => {
    expect(errorOf('{{ dig "x" "y" "d" .m }}', { m: { x: "str" } }).reason).toContain("error calling dig");
  });
});

describe("sprig lists", () => {
  it.each([
    ["{{ list 1 2 3 | first }} {{ list 1 2 3 | last }} {{ rest (list 1 2 3) }} {{ initial (list 1 2 3) }}", "1 3 [2 3] [1 2]"],
    ['{{ append (list 1) 2 }} {{ prepend (list 1) 0 }} {{ concat (list 1) (list 2 3) }}', "[1 2] [0 1] [1 2 3]"],
    ['{{ has 2 (list 1 2) }} {{ has "x" .nil }} {{ uniq (list 1 1 2 1) }} {{ compact (list 1 "" 0 2) }}', "true false [1 2] [1 2]"],
    ['{{ without (list 1 2 3 2) 2 }} {{ sortAlpha (list "b" "a" "C") }} {{ reverse (list 1 2) }}', "[1 3] [C a b] [2 1]"],
    ["{{ until 3 }} {{ seq 3 }} {{ seq 2 4 }} {{ seq 5 -2 1 }} {{ untilStep 0 10 4 }}", "[0 1 2] 1 2 3 2 3 4 5 3 1 [0 4 8]"],
    ["{{ first .nil }} {{ len (list) }}", "<no value> 0"],
  ])("%s", (src, out) => expect(r(src, { nil: null })).toBe(out));
  it("errors on non-lists", () => {
    expect(errorOf('{{ first "abc" }}').reason).toBe("error calling first: Cannot find first on type string");
  });
});

describe("sprig math and conversion", () => {
  it.each([
    ['{{ add 1 2 "3" }} {{ add1 4 }} {{ sub 5 7 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ div -7 2 }} {{ mod 7 3 }}', "6 5 -2 24 3 -3 1"],
    ["{{ max 1 5 3 }} {{ min 4 2 8 }} {{ add 1.9 1 }}", "5 2 2"],
    ['{{ atoi "42" }} {{ atoi "x" }} {{ atoi "4.2" }} {{ int "0x10" }} {{ int "3.0" }} {{ int64 2.9 }} {{ int true }}', "42 0 0 16 3 2 1"],
    ['{{ float64 "1.5" }} {{ float64 2 }} {{ addf 1.5 2 }} {{ floor 1.7 }} {{ round 2.345 2 }}', "1.5 2 3.5 1 2.35"],
  ])("%s", (src, out) => expect(r(src)).toBe(out));
  it("atoi only takes strings", () => {
    expect(errorOf("{{ atoi 5 }}").reason).toBe("wrong type for value; expected string; got int");
  });
  it("div by zero errors", () => {
    expect(errorOf("{{ div 1 0 }}").reason).toBe("error calling div: runtime error: integer divide by zero");
  });
});

describe("sprig encoding", () => {
  it.each([
    ['{{ b64enc "hello wörld" }} {{ b64dec "aGVsbG8gd8O2cmxk" }} {{ b64dec "!!" }}', "aGVsbG8gd8O2cmxk hello wörld illegal base64 data at input byte 0"],
    ['{{ b32enc "hi" }} {{ b32dec "NBUQ====" }}', "NBUQ==== hi"],
    ['{{ sha256sum "abc" }}', "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["{{ toJson . }}", '{"a":[1,2.5,null,true],"h":"\\u003cb\\u003e\\u0026","z":{}}'],
    ["{{ toRawJson . }}", '{"a":[1,2.5,null,true],"h":"<b>&","z":{}}'],
    ["{{ toPrettyJson .z }}|{{ toPrettyJson (dict \"k\" (list 1)) }}", '{}|{\n  "k": [\n    1\n  ]\n}'],
    ['{{ (fromJson "{\\"a\\":{\\"b\\":[1,2]}}").a.b }} {{ fromJson "bad" }}', "[1 2] <no value>"],
    ["{{ toYaml . }}", 'a:\n- 1\n- 2.5\n- null\n- true\nh: <b>&\nz: {}'],
  ])("%s", (src, out) => expect(r(src, { z: {}, h: "<b>&", a: [1, 2.5, null, true] })).toBe(out));
});

describe("sprig regex", () => {
  it.each([
    ['{{ regexMatch "^[a-z]+$" "abc" }} {{ regexMatch "^/|(/([^/]+))+$" "/a/b" }} {{ regexMatch "(" "x" }}', "true true false"],
    ['{{ regexFind "[0-9]+" "ab12cd34" }} {{ regexFindAll "[0-9]" "a1b2c3" 2 }}', "12 [1 2]"],
    ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} {{ regexReplaceAll "(?P<n>[0-9])" "a1b2" "<$n>" }}', "-W-xxW- a<1>b<2>"],
    ['{{ regexReplaceAllLiteral "a(x*)b" "-ab-" "${1}" }} {{ regexSplit "," "a,b,c" -1 }}', "-${1}- [a b c]"],
    ['{{ regexMatch "(?i)^ABC$" "abc" }}', "true"],
  ])("%s", (src, out) => expect(r(src)).toBe(out));
});

describe("host independence", () => {
  it("env and expandenv never read the environment", () => {
    expect(r('[{{ env "HOME" }}] [{{ expandenv "a-$HOME-${PATH}-b" }}]')).toBe("[] [a---b]");
  });
  it("now is the caller's instant (epoch by default) and date formats Go layouts", () => {
    expect(r('{{ now | date "2006-01-02T15:04:05Z07:00" }}')).toBe("1970-01-01T00:00:00Z");
    const at = new Date(Date.UTC(2024, 1, 3, 14, 5, 9));
    expect(run('{{ now | date "Mon Jan _2 3:04PM 2006" }}|{{ date "06/1/2" 0 }}', {}, { now: at })).toBe("Sat Feb  3 2:05PM 2024|70/1/1");
  });
});

describe("sprig paths, checksums and must* variants", () => {
  it.each([
    ['{{ base "/a/b.txt" }} {{ dir "/a/b.txt" }} {{ ext "x/y.tar.gz" }} {{ clean "a/../b//c/." }} {{ isAbs "/x" }}', "b.txt /a .gz b/c true"],
    ['{{ sha1sum "abc" }} {{ adler32sum "Wikipedia" }}', "a9993e364706816aba3e25717850c26c9cd0d89d 300286872"],
    ["{{ mustFirst (list 1 2) }} {{ mustMerge (dict \"a\" 1) (dict \"b\" 2) }}", "1 map[a:1 b:2]"],
  ])("%s", (src, out) => expect(r(src)).toBe(out));
});

describe("sprig regex uses Go's RE2 semantics", () => {
  it("matches code points, Unicode classes and Go's empty-match rules", () => {
    expect(run('{{ regexFind "." "😀x" }}')).toBe("😀");
    expect(run('{{ regexMatch "^\\\\pL+$" "héllo" }}')).toBe("true");
    expect(run('{{ regexFindAll "a*" "baaac" -1 | len }}')).toBe("3");
    expect(run('{{ regexSplit "a*" "baaac" -1 }}')).toBe("[b c]");
    expect(run('{{ regexMatch "^\\\\s$" "\u00a0" }}')).toBe("false");
    expect(run('{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}')).toBe("-W-xxW-");
  });
});
