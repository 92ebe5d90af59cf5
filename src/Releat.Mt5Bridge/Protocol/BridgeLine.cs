using System.Globalization;

namespace Releat.Mt5Bridge.Protocol;

/// <summary>
/// One received line split into its TAB-separated fields, with typed accessors whose errors name the line
/// number, the message type and the field, so a bad line from a terminal is easy to find in the logs.
/// </summary>
public sealed class BridgeLine
{
    private readonly string[] _fields;

    public BridgeLine(string text, long number)
    {
        Text = text;
        Number = number;
        _fields = text.Split('\t');
    }

    public string Text { get; }

    /// <summary>1-based position of the line in the connection's stream.</summary>
    public long Number { get; }

    public string Type => _fields[0];

    public int FieldCount => _fields.Length - 1;

    /// <summary>Fails unless the line has exactly this many fields after the type.</summary>
    public BridgeLine Expect(int fieldCount)
    {
        if (FieldCount != fieldCount)
        {
            throw Error($"expected {fieldCount} fields after {Type}, got {FieldCount}");
        }

        return this;
    }

    /// <summary>Fails unless the line has at least this many fields after the type.</summary>
    public BridgeLine ExpectAtLeast(int fieldCount)
    {
        if (FieldCount < fieldCount)
        {
            throw Error($"expected at least {fieldCount} fields after {Type}, got {FieldCount}");
        }

        return this;
    }

    /// <summary>Field <paramref name="index"/> (1 = first after the type) as text.</summary>
    public string Field(int index, string field) =>
        index <= FieldCount ? _fields[index] : throw Error($"field {field} (#{index}) is missing");

    public long Whole64(int index, string field) =>
        long.TryParse(Field(index, field), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"field {field} (#{index}) is not an integer: '{_fields[index]}'");

    public int Whole(int index, string field) =>
        int.TryParse(Field(index, field), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"field {field} (#{index}) is not an integer: '{_fields[index]}'");

    /// <summary>A finite number; NaN and infinities are refused because they would poison prices and P&amp;L.</summary>
    public double Real(int index, string field)
    {
        var raw = Field(index, field);
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error($"field {field} (#{index}) is not a finite number: '{raw}'");
        }

        return value;
    }

    public BridgeProtocolException Error(string reason) =>
        new($"MT5 bridge line {Number} ({Type}): {reason}");
}
