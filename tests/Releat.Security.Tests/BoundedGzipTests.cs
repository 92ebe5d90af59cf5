using System.IO.Compression;
using System.Text;
using Releat.ServiceDefaults.Grpc;

namespace Releat.Security.Tests;

/// <summary>
/// The gzip message encoding every host accepts (our bounded provider over .NET's GZipStream): a message round-trips;
/// a member cut at any byte is refused rather than handed on as a shorter message; inflating past the limit is refused.
/// </summary>
public sealed class BoundedGzipTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("EURUSD 1.08321 1.08324 ", 50)));

    [Fact]
    public void Gzip_round_trips_and_refuses_a_member_cut_anywhere()
    {
        var provider = new BoundedGzipCompressionProvider(int.MaxValue);
        var member = Compress(provider, Data);

        Assert.Equal(Data, Decompress(provider, member));
        for (var cut = 0; cut < member.Length; cut++)
        {
            var shortened = member[..cut];
            Assert.True(
                Refused(() => Decompress(provider, shortened)),
                $"a member of {member.Length} bytes cut to {cut} was accepted");
        }
    }

    [Fact]
    public void Inflating_past_the_limit_is_refused()
    {
        var member = Compress(new BoundedGzipCompressionProvider(int.MaxValue), Data);

        Assert.Equal(Data, Decompress(new BoundedGzipCompressionProvider(Data.Length), member));
        Assert.Throws<InvalidDataException>(() => Decompress(new BoundedGzipCompressionProvider(Data.Length - 1), member));
    }

    private static bool Refused(Action decompress)
    {
        try
        {
            decompress();
            return false;
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }

    private static byte[] Compress(BoundedGzipCompressionProvider provider, byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = provider.CreateCompressionStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(BoundedGzipCompressionProvider provider, byte[] member)
    {
        using var input = provider.CreateDecompressionStream(new MemoryStream(member));
        var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
