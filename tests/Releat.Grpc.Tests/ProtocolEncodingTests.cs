using Releat.Grpc.Protocol;

namespace Releat.Grpc.Tests;

/// <summary>The small wire encodings from PROTOCOL-HTTP2: timeouts, status messages, binary headers, content types.</summary>
public sealed class ProtocolEncodingTests
{
    [Theory]
    [InlineData("1H", 3600_000.0)]
    [InlineData("2M", 120_000.0)]
    [InlineData("3S", 3_000.0)]
    [InlineData("250m", 250.0)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2.0)]
    [InlineData("99999999S", 99_999_999_000.0)]
    public void Timeout_units_parse(string header, double expectedMilliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(expectedMilliseconds, timeout.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    public void Malformed_timeouts_are_rejected(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Fact]
    public void Formatted_timeouts_fit_in_eight_digits_and_never_shrink()
    {
        foreach (var timeout in new[] { TimeSpan.FromMilliseconds(1.5), TimeSpan.FromSeconds(5), TimeSpan.FromHours(30), TimeSpan.FromDays(400) })
        {
            var header = GrpcTimeout.Format(timeout);
            Assert.True(header.Length <= 9, header);
            Assert.True(GrpcTimeout.TryParse(header, out var parsed));
            Assert.True(parsed >= timeout, $"{header} < {timeout}");
        }
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100% sure", "100%25 sure")]
    [InlineData("€ euro", "%E2%82%AC euro")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void Status_messages_are_percent_encoded_and_decode_back(string message, string encoded)
    {
        Assert.Equal(encoded, StatusMessageEncoding.Encode(message));
        Assert.Equal(message, StatusMessageEncoding.Decode(encoded));
    }

    [Fact]
    public void Malformed_percent_escapes_are_kept_as_text() => Assert.Equal("50%zz", StatusMessageEncoding.Decode("50%zz"));

    [Fact]
    public void Binary_header_values_decode_without_padding() =>
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, BinaryHeaderValue.Decode("AQIDBA", "k-bin"));

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpc-web", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Content_types_follow_the_prefix_rule(string? contentType, bool isGrpc) =>
        Assert.Equal(isGrpc, GrpcProtocol.IsGrpcContentType(contentType));

    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void Gzip_round_trips_and_refuses_a_member_cut_anywhere()
    {
        var data = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("EURUSD 1.08321 1.08324 ", 50)));
        var member = GzipCodec.Compress(data);

        Assert.Equal(data, GzipCodec.Decompress(new System.Buffers.ReadOnlySequence<byte>(member), int.MaxValue));
        for (var cut = 0; cut < member.Length; cut++)
        {
            var shortened = new System.Buffers.ReadOnlySequence<byte>(member, 0, cut);
            Assert.Throws<InvalidDataException>(() => GzipCodec.Decompress(shortened, int.MaxValue));
        }
    }
}
