using Releat.Mt5Bridge.Protocol;
using Xunit.Abstractions;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// Whatever a terminal sends, the gateway's line reader and parser answer with a message or a
/// BridgeProtocolException that names the line: never another exception, never an unbounded buffer.
/// </summary>
public sealed class BridgeProtocolFuzzTests(ITestOutputHelper output)
{
    private const ulong Seed = 7001;

    [Fact]
    public void Every_line_parses_to_a_message_or_a_protocol_error_naming_the_line()
    {
        var messages = 0;
        var errors = 0;
        var ran = SeededCases.Check(BridgeLineCases.Line, 2000, Seed, text =>
        {
            var number = 1 + (text.Length % 97);
            try
            {
                Assert.NotNull(TerminalMessageParser.Parse(new BridgeLine(text, number)));
                messages++;
            }
            catch (BridgeProtocolException ex)
            {
                Assert.StartsWith($"MT5 bridge line {number} (", ex.Message, StringComparison.Ordinal);
                errors++;
            }
        });

        output.WriteLine($"MT5 bridge lines: {ran} random lines (seed {Seed}): {messages} messages, {errors} protocol errors, nothing else.");
        Assert.Equal(2000, ran);
        Assert.True(messages > 100 && errors > 100, "the generator should produce plenty of both outcomes");
    }

    [Fact]
    public void Well_formed_lines_parse_to_the_values_they_carry()
    {
        var ran = SeededCases.Check(BridgeLineCases.WellFormed, 1000, Seed + 1, text =>
        {
            var message = TerminalMessageParser.Parse(new BridgeLine(text, 1));
            var fields = text.Split('\t');
            switch (message)
            {
                case TickMessage tick:
                    Assert.Equal(fields[1], tick.Symbol);
                    Assert.Equal(long.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), tick.ServerTimeMs);
                    Assert.Equal(double.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture), tick.Bid);
                    Assert.True(tick.Ask >= tick.Bid);
                    break;
                case ResultMessage result:
                    Assert.True(result.Succeeded);
                    Assert.Equal(fields[13], result.Comment);
                    break;
                case AccountMessage or PositionsEndMessage:
                    break;
                default:
                    Assert.Fail($"unexpected {message.GetType().Name} from '{text}'");
                    break;
            }
        });

        output.WriteLine($"MT5 bridge well-formed lines: {ran} (seed {Seed + 1}), each parsed to the values it carries.");
        Assert.Equal(1000, ran);
    }

    [Fact]
    public async Task Every_byte_stream_reads_as_bounded_lines_or_a_protocol_error()
    {
        const int Cases = 500;
        var streams = SeededCases.Sample(BridgeLineCases.Stream, Cases, Seed + 2, size: 30);
        long lines = 0;
        var readerErrors = 0;
        foreach (var bytes in streams)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var reader = new BridgeLineReader(stream);
            long expectedNumber = 1;
            try
            {
                while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
                {
                    Assert.Equal(expectedNumber++, line.Number);
                    Assert.True(System.Text.Encoding.UTF8.GetByteCount(line.Text) <= BridgeLineReader.MaxLineBytes * 3);
                    Assert.DoesNotContain('\n', line.Text);
                    try
                    {
                        Assert.NotNull(TerminalMessageParser.Parse(line));
                    }
                    catch (BridgeProtocolException ex)
                    {
                        Assert.Contains($"line {line.Number}", ex.Message, StringComparison.Ordinal);
                    }

                    lines++;
                }
            }
            catch (BridgeProtocolException ex)
            {
                Assert.Contains($"line {expectedNumber}", ex.Message, StringComparison.Ordinal);
                readerErrors++;
            }
        }

        output.WriteLine(
            $"MT5 bridge streams: {Cases} random byte streams (seed {Seed + 2}): {lines} lines read and parsed, " +
            $"{readerErrors} streams ended by a protocol error (overlong or unterminated line), nothing else.");
        Assert.True(readerErrors > 0 && lines > 1000);
    }
}
