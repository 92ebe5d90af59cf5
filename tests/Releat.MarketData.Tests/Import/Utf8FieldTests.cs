using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Releat.MarketData.Import;

namespace Releat.MarketData.Tests.Import;

public sealed class Utf8FieldTests
{
    [Property(MaxTest = 2000, Replay = PropertySeed.Replay)]
    public Property TheFastDecimalPathGivesTheSameDoubleAsDoubleParse()
    {
        Gen<string> decimals =
            from whole in Gen.Choose(0, 200_000)
            from fraction in Gen.Choose(0, 99_999_999)
            from places in Gen.Choose(0, 8)
            from negative in Gen.Elements(false, true)
            select (negative ? "-" : "") + whole.ToString(CultureInfo.InvariantCulture)
                + (places == 0 ? "" : "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(8, '0')[..places]);

        return Prop.ForAll(decimals.ToArbitrary(), text =>
            Utf8Field.TryParseDouble(Encoding.ASCII.GetBytes(text), out double value)
            && value.Equals(double.Parse(text, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("1e-5", 1e-5)]
    [InlineData("12345678901234567890", 12345678901234567890d)]
    [InlineData("0.1234567890123456789012345", 0.1234567890123456789012345)]
    [InlineData("+1.5", 1.5)]
    public void UnusualNumbersGoThroughTheFullParser(string text, double expected)
    {
        Assert.True(Utf8Field.TryParseDouble(Encoding.ASCII.GetBytes(text), out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    public void NonNumbersAreRefused(string text) =>
        Assert.False(Utf8Field.TryParseDouble(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void NaNParsesSoItCanBeRejectedAsNaN()
    {
        Assert.True(Utf8Field.TryParseDouble("NaN"u8, out double value));
        Assert.True(double.IsNaN(value));
    }
}
