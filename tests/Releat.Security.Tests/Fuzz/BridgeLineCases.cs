using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// Lines a broken or hostile MT5 terminal could send: message types with too few, too many or wrong fields (edge
/// numbers, NaN, overflow, non-ASCII digits, empty), well-formed lines with random values, and arbitrary text.
/// </summary>
internal static class BridgeLineCases
{
    /// <summary>Each type with its field count (PROTOCOL.md), plus names the parser does not know.</summary>
    public static readonly (string Type, int Fields)[] Types =
    [
        ("TICK", 7), ("CLOCK", 1), ("ACCOUNT", 6), ("POSITION", 15), ("POSITIONS_END", 2), ("RESULT", 13), ("PONG", 1), ("HELLO", 10),
        ("NOT_FOUND", 2), ("ERROR", 2),
        ("tick", 7), ("ORDER", 8), ("", 0), ("TICK ", 7),
    ];

    private static readonly string[] EdgeFields =
    [
        "", " ", "0", "-0", "+5", "1", "-1", "1.5", "1e5", "1e309", "-1e309", "NaN", "nan", "Infinity", "-Infinity", "∞",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "4294967295", "4294967296",
        "0x10", "1,5", "１２", "٣", "1_000", "buy", "sell", "BUY", "netting", "hedging", "EURUSD", "\r", "\u0000", "\uFFFD",
    ];

    public static Gen<string> Field { get; } = Gen.Frequency(
        (4, Gen.Elements(EdgeFields)),
        (2, Gen.Choose(int.MinValue, int.MaxValue).Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Choose(-1_000_000, 1_000_000).Select(i => (i / 1000.0).ToString("R", CultureInfo.InvariantCulture))),
        (1, Gen.ArrayOf(Gen.Choose(0, 0xD7FF).Select(c => (char)c)).Select(c => new string(c).Replace('\t', ' ').Replace('\n', ' '))));

    /// <summary>A known or unknown type with about the right number of fields, each drawn from the edge pool.</summary>
    public static Gen<string> Mangled { get; } =
        from type in Gen.Elements(Types)
        from delta in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(-3, -1)), (1, Gen.Choose(1, 3)))
        from fields in Gen.ListOf(Field, Math.Max(0, type.Fields + delta))
        select string.Join('\t', [type.Type, .. fields]);

    /// <summary>Lines the protocol allows, with random values: these must parse.</summary>
    public static Gen<string> WellFormed { get; } =
        from kind in Gen.Choose(0, 3)
        from a in Gen.Choose(1, int.MaxValue)
        from b in Gen.Choose(1, 2_000_000)
        from c in Gen.Choose(0, 500)
        select kind switch
        {
            0 => Join("TICK", "EURUSD", 1_700_000_000_000L + a, Price(b), Price(b + c), 0, 0, c % 128),
            1 => Join("ACCOUNT", a, b, b + c, c, b - c, c * 10.5),
            2 => Join("RESULT", a, "cid-" + c, 10009, a + 1L, a + 2L, (c + 1) / 100.0, Price(b), 1_700_000_000_000L + a, a + 3L, -c / 10.0, -0.7, 0, "cid-" + c),
            _ => Join("POSITIONS_END", a, c),
        };

    public static Gen<string> AnyText { get; } = Gen.ArrayOf(Gen.Frequency(
        (8, Gen.Choose(0x20, 0x7E).Select(c => (char)c)),
        (2, Gen.Constant('\t')),
        (1, Gen.Choose(0, 0xD7FF).Select(c => (char)c)))).Select(c => new string(c).Replace('\n', ' '));

    public static Gen<string> Line { get; } = Gen.Frequency((5, Mangled), (2, WellFormed), (3, AnyText));

    /// <summary>A byte stream as the terminal's socket might deliver it: lines, raw bytes, CR, bad UTF-8, overlong lines.</summary>
    public static Gen<byte[]> Stream { get; } =
        from parts in Gen.ListOf(Gen.Frequency(
            (6, Line.Select(l => Encoding.UTF8.GetBytes(l + "\n"))),
            (1, Line.Select(l => Encoding.UTF8.GetBytes(l + "\r\n"))),
            (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))),
            (1, Gen.Elements<byte[]>([0xC3, 0x28, (byte)'\n'], [0xFF, 0xFE, (byte)'\t', (byte)'\n'], [0xED, 0xA0, 0x80, (byte)'\n'])),
            (1, Gen.Choose(-64, 64).Select(d => Encoding.ASCII.GetBytes(new string('A', 16_384 + d) + "\n")))))
        select parts.SelectMany(p => p).ToArray();

    private static string Price(int points) => (points / 100_000.0).ToString("R", CultureInfo.InvariantCulture);

    private static string Join(params object[] fields) =>
        string.Join('\t', fields.Select(f => Convert.ToString(f, CultureInfo.InvariantCulture)));
}
