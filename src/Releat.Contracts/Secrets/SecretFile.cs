namespace Releat.Contracts.Secrets;

/// <summary>
/// A secret kept in a file (a Kubernetes or compose secret mount) rather than in configuration or the environment:
/// its text without surrounding whitespace, so the newline editors and `echo` leave is not part of the token.
/// </summary>
public static class SecretFile
{
    /// <summary>The file's secret; an unreadable or empty file names the setting and the path, never the content.</summary>
    public static string Read(string path, string setting)
    {
        string secret;
        try
        {
            secret = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting} '{path}' cannot be read: {ex.Message}", ex);
        }

        return secret.Length > 0 ? secret : throw new InvalidOperationException($"{setting} '{path}' is empty");
    }

    /// <summary>
    /// One secret given inline or as a file, never both: the file's content, the inline value, or null when neither
    /// is set.
    /// </summary>
    public static string? Resolve(string? inline, string? path, string inlineSetting, string fileSetting)
    {
        bool hasInline = !string.IsNullOrEmpty(inline);
        bool hasFile = !string.IsNullOrEmpty(path);
        if (hasInline && hasFile)
        {
            throw new InvalidOperationException($"give one of {inlineSetting} and {fileSetting}, not both");
        }

        return hasFile ? Read(path!, fileSetting) : hasInline ? inline!.Trim() : null;
    }
}
