using Releat.Contracts.Secrets;

namespace Releat.Grpc.Tests;

/// <summary>Client tokens read from mounted secret files: trimmed, one source only, errors that name the setting and never the secret.</summary>
public sealed class SecretFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("releat-secret-file-").FullName;

    [Fact]
    public void A_file_secret_is_read_without_its_trailing_newline_and_inline_values_still_work()
    {
        string file = Path.Combine(_folder, "token");
        File.WriteAllText(file, "tok-123\n");
        Assert.Equal("tok-123", SecretFile.Resolve(null, file, "X:Token", "X:TokenFile"));
        Assert.Equal("inline", SecretFile.Resolve("inline", null, "X:Token", "X:TokenFile"));
        Assert.Null(SecretFile.Resolve(null, "", "X:Token", "X:TokenFile"));
    }

    [Fact]
    public void Both_sources_a_missing_file_and_an_empty_file_are_refused_naming_the_setting()
    {
        string file = Path.Combine(_folder, "token");
        File.WriteAllText(file, "tok-456");
        var both = Assert.Throws<InvalidOperationException>(() => SecretFile.Resolve("tok-456", file, "X:Token", "X:TokenFile"));
        Assert.Equal("give one of X:Token and X:TokenFile, not both", both.Message);

        string missing = Path.Combine(_folder, "absent");
        var unreadable = Assert.Throws<InvalidOperationException>(() => SecretFile.Resolve(null, missing, "X:Token", "X:TokenFile"));
        Assert.StartsWith($"X:TokenFile '{missing}' cannot be read", unreadable.Message, StringComparison.Ordinal);

        string empty = Path.Combine(_folder, "empty");
        File.WriteAllText(empty, " \n");
        Assert.Equal($"X:TokenFile '{empty}' is empty", Assert.Throws<InvalidOperationException>(() => SecretFile.Read(empty, "X:TokenFile")).Message);
        Assert.DoesNotContain("tok-456", both.Message + unreadable.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
