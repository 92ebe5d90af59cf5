using System.Text;
using Releat.Checksums;

namespace Releat.MarketData.Tests.Storage;

/// <summary>
/// A checksummed file (a walk-forward's finished fold × seed) reads back only when whole: cut short, appended to, a
/// flipped bit or a missing header each make it count as missing, with the reason.
/// </summary>
public sealed class ChecksummedFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "releat-checksummed-tests", Guid.NewGuid().ToString("N"));

    public ChecksummedFileTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void A_whole_file_reads_back_and_a_damaged_one_counts_as_missing_with_the_reason()
    {
        string path = Path.Combine(_folder, "unit.json");
        const string body = "{\"fold\":1,\"seed\":2,\"pips\":\"−3.5\"}";
        ChecksummedFile.Write(path, body);
        Assert.Equal(body, ChecksummedFile.TryRead(path, out string? none));
        Assert.Null(none);
        Assert.False(File.Exists(path + ".partial"));

        byte[] whole = File.ReadAllBytes(path);
        Assert.Null(Damaged(path, whole[..^3], out string? cut));
        Assert.Contains("cut short", cut, StringComparison.Ordinal);

        Assert.Null(Damaged(path, [.. whole, (byte)'x'], out string? appended));
        Assert.Contains("appended", appended, StringComparison.Ordinal);

        byte[] flipped = (byte[])whole.Clone();
        flipped[^5] ^= 0x04;
        Assert.Null(Damaged(path, flipped, out string? mismatch));
        Assert.Contains("checksum mismatch", mismatch, StringComparison.Ordinal);

        Assert.Null(Damaged(path, Encoding.UTF8.GetBytes(body), out string? header));
        Assert.Contains("line 1 is not a checksum header", header, StringComparison.Ordinal);

        Assert.Null(ChecksummedFile.TryRead(Path.Combine(_folder, "absent.json"), out string? missing));
        Assert.Contains("missing", missing, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string? Damaged(string path, byte[] bytes, out string? problem)
    {
        File.WriteAllBytes(path, bytes);
        return ChecksummedFile.TryRead(path, out problem);
    }
}
