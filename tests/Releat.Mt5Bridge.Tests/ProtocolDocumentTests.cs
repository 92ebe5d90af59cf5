using System.Globalization;
using System.Text.RegularExpressions;
using Releat.Mt5Bridge.Protocol;
using Releat.Testing;

namespace Releat.Mt5Bridge.Tests;

/// <summary>
/// PROTOCOL.md, the gateway's parser and writer, and the EA agree: every example in the document parses (terminal
/// lines) or is what the gateway writes (gateway lines), and every message the EA formats has the field count the
/// parser expects.
/// </summary>
public sealed partial class ProtocolDocumentTests
{
    private static readonly Dictionary<string, int> TerminalFields = new(StringComparer.Ordinal)
    {
        ["TICK"] = 7, ["CLOCK"] = 1, ["ACCOUNT"] = 6, ["POSITION"] = 15, ["POSITIONS_END"] = 2, ["RESULT"] = 13,
        ["NOT_FOUND"] = 2, ["ERROR"] = 2, ["PONG"] = 1, ["HELLO"] = 10,
    };

    private static string Mql5Folder => Path.Combine(RepositoryRoot.Path, "services", "mt5-gateway", "mql5");

    [Fact]
    public void Every_terminal_example_in_protocol_md_parses_with_its_documented_field_count()
    {
        var examples = Examples("T> ");

        Assert.True(examples.Count >= 12, $"PROTOCOL.md has only {examples.Count} terminal examples");
        foreach (var (line, number) in examples)
        {
            var parsed = new BridgeLine(line, number);
            Assert.NotNull(TerminalMessageParser.Parse(parsed));
            Assert.Equal(TerminalFields[parsed.Type], parsed.FieldCount);
        }

        Assert.Equal(TerminalFields.Keys.Order(), examples.Select(e => e.Line.Split('\t')[0]).Distinct().Order());
    }

    [Fact]
    public void Every_gateway_example_in_protocol_md_is_what_the_gateway_writes()
    {
        var examples = Examples("G> ");

        Assert.True(examples.Count >= 10, $"PROTOCOL.md has only {examples.Count} gateway examples");
        foreach (var (line, _) in examples)
        {
            Assert.Equal(line + "\n", Rewrite(line.Split('\t')));
        }
    }

    [Fact]
    public void Every_message_the_ea_formats_has_the_field_count_the_parser_expects()
    {
        var source = File.ReadAllText(Path.Combine(Mql5Folder, "ReleatBridge.mq5"));
        var checkedTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match format in EaMessageFormat().Matches(source))
        {
            var type = format.Groups["type"].Value;
            var fields = Regex.Count(format.Groups["rest"].Value, @"\\t");

            // RESULT lines end in the 11-field tail (retcode .. comment) that FromDeals and Lookup format.
            if (type == "RESULT" && fields == 3)
            {
                fields = 2 + 11;
            }

            Assert.True(TerminalFields.TryGetValue(type, out var expected), $"the EA formats an undocumented {type}");
            Assert.True(expected == fields, $"the EA formats {type} with {fields} fields, PROTOCOL.md says {expected}: {format.Value}");
            checkedTypes.Add(type);
        }

        foreach (Match tail in EaResultTail().Matches(source))
        {
            Assert.True(Regex.Count(tail.Groups["tail"].Value, @"\\t") + 1 == 11, $"a RESULT tail without 11 fields: {tail.Value}");
        }

        Assert.Superset(new HashSet<string>(["TICK", "CLOCK", "ACCOUNT", "POSITION", "POSITIONS_END", "RESULT", "NOT_FOUND", "HELLO"]), checkedTypes);
        Assert.Contains("PROTOCOL_VERSION = " + BridgeHandshake.ProtocolVersion, source, StringComparison.Ordinal);
    }

    private static List<(string Line, long Number)> Examples(string prefix)
    {
        var lines = File.ReadAllLines(Path.Combine(Mql5Folder, "PROTOCOL.md"));
        return
        [
            .. lines.Select((text, index) => (Text: text, Number: index + 1L))
                .Where(l => l.Text.StartsWith(prefix, StringComparison.Ordinal))
                .Select(l => (l.Text[prefix.Length..].Replace("\\t", "\t", StringComparison.Ordinal), l.Number)),
        ];
    }

    private static string Rewrite(string[] f) => f[0] switch
    {
        "CHALLENGE" => GatewayCommands.Challenge(f[2]),
        "WELCOME" => GatewayCommands.Welcome(),
        "DENIED" => GatewayCommands.Denied(f[1]),
        "SUBSCRIBE" => GatewayCommands.Subscribe(f[1..]),
        "ORDER" => GatewayCommands.Order(Long(f[1]), f[2], f[3], f[4] == "buy", Real(f[5]), Real(f[6]), Real(f[7]), Long(f[8])),
        "CLOSE" => GatewayCommands.Close(Long(f[1]), f[2], Long(f[3]), Real(f[4])),
        "FIND" => GatewayCommands.Find(Long(f[1]), f[2]),
        "GET_POSITIONS" => GatewayCommands.GetPositions(Long(f[1])),
        "GET_ACCOUNT" => GatewayCommands.GetAccount(Long(f[1])),
        "PING" => GatewayCommands.Ping(f[1]),
        var other => throw new InvalidOperationException($"PROTOCOL.md shows a gateway message {other} the gateway does not write"),
    };

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static double Real(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex("""StringFormat\("(?<type>[A-Z_]+)(?<rest>\\t[^"]*)?"(?=,)""")]
    private static partial Regex EaMessageFormat();

    [GeneratedRegex("answer = StringFormat\\(\"(?<tail>[^\"]*)\"")]
    private static partial Regex EaResultTail();
}
