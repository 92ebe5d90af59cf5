using Releat.Mt5Bridge.Protocol;

namespace Releat.Mt5Bridge.Tests;

public sealed class TerminalMessageParserTests
{
    [Theory]
    [InlineData("TICK\tEURUSD\t1\t1.1\t1.2\t0\t0", "line 7 (TICK): expected 7 fields after TICK, got 6")]
    [InlineData("TICK\tEURUSD\tx\t1.1\t1.2\t0\t0\t6", "line 7 (TICK): field time_msc (#2) is not an integer: 'x'")]
    [InlineData("TICK\tEURUSD\t1\t1.1\tInfinity\t0\t0\t6", "line 7 (TICK): field ask (#4) is not a finite number: 'Infinity'")]
    [InlineData("TICK\tEURUSD\t1\t1.1\t1.2\t0\t0\t-1", "line 7 (TICK): field flags (#7) is out of range: -1")]
    [InlineData("POSITION\t1\t2\t2\tEURUSD\tlong\t1\t1\t1\t0\t0\t1\t0\t0\t0\tc", "line 7 (POSITION): field side (#5) must be buy or sell, got 'long'")]
    [InlineData("HELLO\t2\tp\t1\ts\tc\tUSD\t100\thedging\tlive\t0", "line 7 (HELLO): field trade_mode (#9) must be demo, contest or real, got 'live'")]
    [InlineData("RESULT\t5\tc1\t10009\t1\t2\t0.1\t1.1\t0\t3\t0\t0\tc1", "line 7 (RESULT): expected 13 fields after RESULT, got 12")]
    [InlineData("EXPLODE\t1", "line 7 (EXPLODE): unknown message type")]
    public void Bad_lines_are_refused_with_line_number_message_type_and_field(string text, string expected)
    {
        var error = Assert.Throws<BridgeProtocolException>(() => TerminalMessageParser.Parse(new BridgeLine(text, 7)));

        Assert.Equal("MT5 bridge " + expected, error.Message);
    }

    [Fact]
    public void Result_line_parses_every_field()
    {
        var result = (ResultMessage)TerminalMessageParser.Parse(
            new BridgeLine("RESULT\t5\tt1-a\t10009\t77\t78\t0.1\t1.1\t1000\t79\t-12.5\t-0.7\t-0.3\tt1-a", 1));

        Assert.Equal(new ResultMessage(5, "t1-a", 10009, 77, 78, 0.1, 1.1, 1000, 79, -12.5, -0.7, -0.3, "t1-a"), result);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_done_result_without_its_position_is_not_a_fill()
    {
        var result = (ResultMessage)TerminalMessageParser.Parse(
            new BridgeLine("RESULT\t5\tt1-a\t10009\t77\t0\t0\t0\t1000\t0\t0\t0\t0\tdeal not yet in history", 1));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Proof_is_hmac_sha256_of_the_nonce_text_and_checks_in_constant_time()
    {
        // HMAC-SHA256(key "key", "The quick brown fox jumps over the lazy dog"), the well-known test vector.
        Assert.Equal(
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
            BridgeHandshake.Proof("key", "The quick brown fox jumps over the lazy dog"));
        var nonce = BridgeHandshake.NewNonce();
        Assert.Equal(64, nonce.Length);
        Assert.True(BridgeHandshake.IsValidProof("s", nonce, BridgeHandshake.Proof("s", nonce).ToUpperInvariant()));
        Assert.False(BridgeHandshake.IsValidProof("s", nonce, BridgeHandshake.Proof("t", nonce)));
        Assert.False(BridgeHandshake.IsValidProof("s", nonce, "short"));
    }
}
