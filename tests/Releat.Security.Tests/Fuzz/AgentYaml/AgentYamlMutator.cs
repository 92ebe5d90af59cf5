using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Releat.Security.Tests.Fuzz.AgentYaml;

/// <summary>
/// Applies mutations to the lines of an agent.yaml; every detail (which line, which value, how deep) comes from one
/// seeded <see cref="Random"/>, so a case replays exactly from its seed.
/// </summary>
internal static partial class AgentYamlMutator
{
    /// <summary>Values of the wrong type, out of range or malformed for almost any field.</summary>
    private static readonly string[] WrongScalars =
    [
        "", "~", "null", "[]", "{}", "[1, 2]", "{a: 1}", "true", "yes", "-1", "0", "1.5", "-0", "NaN", ".nan", ".inf", "-.inf",
        "0x10", "0o17", "1_000", "1e309", "'quoted'", "\"\\u0000\"", "\"\\uD800\"", "2024-13-45", "2024-02-30", "24:00", "25:61",
        "10 sec", "-5s", "1.5s", "9223372036854775807d", "5w", "s", "EURUSD", "eurusd", "fill_forward", "FillForward", "tanh",
        "[mon, funday]", "07:00-16:00-18:00", "\"07:00-25:00\"", "|\n  block", ">-\n  folded", "!!binary aGVsbG8=", "!!str 5",
        "\"\\t\\r\\n\"", "'''", "\"unterminated", "[unterminated", "{unterminated", "&", "*", "? x", "- - -", "@", "`x`", "%x",
    ];

    private static readonly string[] HugeNumbers =
    [
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483647", "2147483648", "-2147483649",
        "4294967296", "18446744073709551616", "1e308", "1.7976931348623157e308", "1e-400", "0.0000000000000000000000001",
        "340282366920938463463374607431768211456", new string('9', 400), "-" + new string('9', 400), "1" + new string('0', 5000),
    ];

    public static AgentYamlCase Apply(string original, YamlMutationKind[] kinds, int seed)
    {
        var random = new Random(seed);
        var lines = original.Split('\n').ToList();
        var done = new List<string>(kinds.Length);
        foreach (YamlMutationKind kind in kinds)
        {
            done.Add(Apply(kind, lines, random));
        }

        string text = string.Join('\n', lines);
        if (kinds.Contains(YamlMutationKind.Truncate))
        {
            int cut = random.Next(text.Length);
            text = text[..cut];
            done.Add($"truncated at {cut}");
        }

        return new AgentYamlCase(text, $"seed {seed}: {string.Join("; ", done)}");
    }

    private static string Apply(YamlMutationKind kind, List<string> lines, Random random)
    {
        int at = random.Next(lines.Count);
        switch (kind)
        {
            case YamlMutationKind.DeleteLine:
                lines.RemoveAt(at);
                return $"deleted line {at + 1}";
            case YamlMutationKind.DuplicateLine:
                lines.Insert(at, lines[at]);
                return $"duplicated line {at + 1}";
            case YamlMutationKind.SwapLines:
                int other = random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                return $"swapped lines {at + 1} and {other + 1}";
            case YamlMutationKind.UnknownKey:
                lines.Insert(at + 1, Indent(lines[at]) + RandomKey(random) + ": " + Pick(random, WrongScalars));
                return $"unknown key after line {at + 1}";
            case YamlMutationKind.WrongScalar:
                return ReplaceValue(lines, random, Pick(random, WrongScalars));
            case YamlMutationKind.HugeNumber:
                return ReplaceValue(lines, random, Pick(random, HugeNumbers));
            case YamlMutationKind.ReplaceToken:
                return ReplaceToken(lines, random);
            case YamlMutationKind.RandomCharacters:
                int column = random.Next(lines[at].Length + 1);
                lines[at] = lines[at].Insert(column, RandomCharacters(random, random.Next(1, 12)));
                return $"random characters at line {at + 1} column {column + 1}";
            case YamlMutationKind.DeepFlowNesting:
                int depth = random.Next(10) == 0 ? 100_000 : random.Next(1, 3000);
                return ReplaceValue(lines, random, new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : depth / 2));
            case YamlMutationKind.DeepBlockNesting:
                int levels = random.Next(1, 2000);
                lines.InsertRange(at, Enumerable.Range(0, levels).Select(i => new string(' ', i) + "k" + i.ToString(CultureInfo.InvariantCulture) + ":"));
                return $"{levels} nested block sections at line {at + 1}";
            case YamlMutationKind.BillionLaughs:
                return BillionLaughs(lines, random);
            case YamlMutationKind.UndefinedAlias:
                return ReplaceValue(lines, random, "*nowhere");
            case YamlMutationKind.SelfAlias:
                return ReplaceValue(lines, random, Pick(random, ["&self [*self]", "&self {k: *self}", "&self [a, [*self, *self]]"]));
            case YamlMutationKind.AnchorAndAlias:
                return AnchorAndAlias(lines, random);
            case YamlMutationKind.MergeKey:
                lines.Insert(at, Indent(lines[at]) + "<<: *" + Pick(random, ["nowhere", "a0", "self"]));
                return $"merge key at line {at + 1}";
            case YamlMutationKind.SecondDocument:
                lines.Insert(at, Pick(random, ["---", "...", "--- !!map", "--- |"]));
                return $"document marker at line {at + 1}";
            case YamlMutationKind.TabIndent:
                lines[at] = "\t" + lines[at].TrimStart(' ');
                return $"tab indent at line {at + 1}";
            case YamlMutationKind.TagOrDirective:
                return TagOrDirective(lines, random);
            case YamlMutationKind.Truncate:
                return "truncated (below)";
            case YamlMutationKind.CommentOnly:
                lines.Insert(at, Indent(lines[at]) + "# " + RandomCharacters(random, random.Next(0, 20)).Replace('\n', ' ').Replace('\r', ' '));
                return $"comment at line {at + 1}";
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such mutation");
        }
    }

    [GeneratedRegex(@"^(?<lead>\s*(- )?[A-Za-z_][A-Za-z0-9_]*:)\s+(?<value>[^#]+?)\s*(#.*)?$")]
    private static partial Regex ValueLine();

    [GeneratedRegex(@"[A-Za-z0-9_.:-]+")]
    private static partial Regex Token();

    /// <summary>Replaces the value of a random "key: value" line (a scalar, a flow list or a flow section).</summary>
    private static string ReplaceValue(List<string> lines, Random random, string value)
    {
        int[] candidates = [.. Enumerable.Range(0, lines.Count).Where(i => ValueLine().IsMatch(lines[i]))];
        if (candidates.Length == 0)
        {
            lines.Add("agent: " + value);
            return "appended agent: " + Shorten(value);
        }

        int at = candidates[random.Next(candidates.Length)];
        Match match = ValueLine().Match(lines[at]);
        lines[at] = match.Groups["lead"].Value + " " + value;
        return $"line {at + 1} value '{Shorten(match.Groups["value"].Value)}' -> '{Shorten(value)}'";
    }

    /// <summary>Replaces one word or number anywhere (also inside flow sections such as { start: ..., end: ... }).</summary>
    private static string ReplaceToken(List<string> lines, Random random)
    {
        int at = random.Next(lines.Count);
        MatchCollection tokens = Token().Matches(lines[at]);
        if (tokens.Count == 0)
        {
            return $"no token on line {at + 1}";
        }

        Match token = tokens[random.Next(tokens.Count)];
        string replacement = random.Next(3) switch
        {
            0 => Pick(random, WrongScalars),
            1 => Pick(random, HugeNumbers),
            _ => RandomKey(random),
        };
        lines[at] = string.Concat(lines[at].AsSpan(0, token.Index), replacement, lines[at].AsSpan(token.Index + token.Length));
        return $"line {at + 1} token '{token.Value}' -> '{Shorten(replacement)}'";
    }

    /// <summary>Anchors nesting <c>levels</c> deep, each listing the one below <c>width</c> times, used where it hurts.</summary>
    private static string BillionLaughs(List<string> lines, Random random)
    {
        int levels = random.Next(3, 13);
        int width = random.Next(2, 11);
        var block = new List<string> { "laughs:", "  - &a0 [lol, lol]" };
        for (int i = 1; i < levels; i++)
        {
            string level = i.ToString(CultureInfo.InvariantCulture);
            string below = (i - 1).ToString(CultureInfo.InvariantCulture);
            block.Add($"  - &a{level} [{string.Join(", ", Enumerable.Repeat("*a" + below, width))}]");
        }

        string top = "*a" + (levels - 1).ToString(CultureInfo.InvariantCulture);
        string use = random.Next(5) switch
        {
            0 => $"? {top}\n: 1",
            1 => $"features: {top}",
            2 => $"symbols_again: {top}",
            3 => $"{top}: 1",
            _ => $"model: {{ actor: {{ hidden: {top} }} }}",
        };
        lines.InsertRange(random.Next(2) == 0 ? 0 : lines.Count, [.. block, .. use.Split('\n')]);
        return $"billion laughs {width}^{levels} used as '{use.Replace('\n', ' ')}'";
    }

    /// <summary>An anchor on one value and an alias of it in place of another (mostly of the wrong shape).</summary>
    private static string AnchorAndAlias(List<string> lines, Random random)
    {
        int[] candidates = [.. Enumerable.Range(0, lines.Count).Where(i => ValueLine().IsMatch(lines[i]))];
        if (candidates.Length < 2)
        {
            return "no values to alias";
        }

        int from = candidates[random.Next(candidates.Length)];
        int to = candidates[random.Next(candidates.Length)];
        Match source = ValueLine().Match(lines[from]);
        lines[from] = source.Groups["lead"].Value + " &shared " + source.Groups["value"].Value;
        Match target = ValueLine().Match(lines[to]);
        lines[to] = target.Groups["lead"].Value + " *shared";
        return $"anchor at line {from + 1}, alias at line {to + 1}";
    }

    private static string TagOrDirective(List<string> lines, Random random)
    {
        switch (random.Next(3))
        {
            case 0:
                lines.Insert(0, Pick(random, ["%YAML 1.1", "%YAML 2.0", "%TAG ! tag:evil.example,2000:", "%FOO bar"]));
                lines.Insert(1, "---");
                return "directive at the top";
            case 1:
                return ReplaceValue(lines, random, Pick(random, ["!!python/object:os.system ls", "!!int five", "!!float x", "!<tag:x> 5", "!local 5"]));
            default:
                int at = random.Next(lines.Count);
                lines[at] = "!!map " + lines[at];
                return $"tag before line {at + 1}";
        }
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart(' ').Length)];

    private static string RandomKey(Random random)
    {
        var key = new StringBuilder();
        int length = random.Next(1, 16);
        for (int i = 0; i < length; i++)
        {
            key.Append((char)('a' + random.Next(26)));
        }

        return random.Next(4) == 0 ? key.Append('_').Append(random.Next(100)).ToString() : key.ToString();
    }

    /// <summary>Printable ASCII, YAML indicators, controls (tab, CR, NUL), any BMP character and lone surrogates.</summary>
    private static string RandomCharacters(Random random, int count)
    {
        var text = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            text.Append(random.Next(6) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => ":-?[]{},#&*!|>'\"%@`"[random.Next(19)],
                2 => "\t\r\0\u0085\u2028\uFEFF"[random.Next(6)],
                3 => (char)random.Next(0x80, 0xD800),
                4 => (char)random.Next(0xD800, 0xE000),
                _ => ' ',
            });
        }

        return text.ToString();
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
