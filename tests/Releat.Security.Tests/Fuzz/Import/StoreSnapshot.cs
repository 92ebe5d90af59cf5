namespace Releat.Security.Tests.Fuzz.Import;

/// <summary>
/// The bytes of every file under a store's folder at one moment, to prove later that what was stored then is still
/// there byte for byte: an import may only add, after the last intact record, never rewrite.
/// </summary>
public sealed class StoreSnapshot
{
    private readonly string _root;
    private readonly Dictionary<string, byte[]> _files;

    private StoreSnapshot(string root, Dictionary<string, byte[]> files)
    {
        _root = root;
        _files = files;
    }

    public static StoreSnapshot Take(string root) => new(
        root,
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))
                .ToDictionary(f => f, File.ReadAllBytes)
            : []);

    /// <summary>Every file seen before still starts with the bytes it had (new records may follow them).</summary>
    public void AssertPreservedPrefix(string context)
    {
        foreach (var (path, before) in _files)
        {
            Assert.True(File.Exists(path), $"{context}: {Path.GetRelativePath(_root, path)} disappeared");
            var after = File.ReadAllBytes(path);
            Assert.True(after.Length >= before.Length && after.AsSpan(0, before.Length).SequenceEqual(before),
                $"{context}: {Path.GetRelativePath(_root, path)} changed where records were already stored");
        }
    }

    /// <summary>Nothing changed at all: same files, same bytes.</summary>
    public void AssertUnchanged(string context)
    {
        var now = Take(_root);
        Assert.True(now._files.Keys.Order().SequenceEqual(_files.Keys.Order()), $"{context}: files were added or removed");
        foreach (var (path, before) in _files)
        {
            Assert.True(now._files[path].AsSpan().SequenceEqual(before), $"{context}: {Path.GetRelativePath(_root, path)} changed");
        }
    }
}
