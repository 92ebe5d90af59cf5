using System.Text.RegularExpressions;

namespace Releat.Security.Tests.Secrets;

/// <summary>
/// Looks for what must never be committed. In every file: PEM private key blocks and provider keys with a known
/// shape (AWS access key ids and secret keys, GitHub and Slack tokens, Google API keys). In configuration files
/// (appsettings*.json, YAML, .env, Dockerfiles): password/secret/token/API-key settings holding a literal value
/// rather than a placeholder, and long high-entropy strings. Values marked as fakes are reported as allow-listed.
/// </summary>
public static partial class SecretScanner
{
    /// <summary>Words a deliberately fake secret carries; a hit whose value contains one is allow-listed, not failed.</summary>
    public static readonly string[] FakeMarkers = ["test", "example", "not-a-secret"];

    private static readonly (string Rule, Regex Pattern)[] AnyFileRules =
    [
        ("PEM private key block", PemPrivateKey()),
        ("AWS access key id", AwsAccessKeyId()),
        ("AWS secret access key", AwsSecretKey()),
        ("GitHub token", GitHubToken()),
        ("Slack token", SlackToken()),
        ("Google API key", GoogleApiKey()),
    ];

    public static bool IsConfigFile(string path)
    {
        string name = Path.GetFileName(path);
        return (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || name.Equals(".env", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".env", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Dockerfile", StringComparison.Ordinal);
    }

    public static IEnumerable<SecretFinding> Scan(string path, string text)
    {
        foreach ((string rule, Regex pattern) in AnyFileRules)
        {
            foreach (Match match in pattern.Matches(text))
            {
                yield return Finding(path, text, match.Index, rule, match.Value);
            }
        }

        if (!IsConfigFile(path))
        {
            yield break;
        }

        foreach (Match match in CredentialSetting().Matches(text).Concat(DockerEnvSetting().Matches(text)))
        {
            string key = match.Groups["key"].Value;
            string value = match.Groups["value"].Value.Trim('"', '\'');
            if (!NamesAFile(key) && !IsPlaceholder(value))
            {
                yield return Finding(path, text, match.Index, $"literal value for '{key}'", value);
            }
        }

        foreach (Match match in LongToken().Matches(text))
        {
            if (LooksRandom(match.Value))
            {
                yield return Finding(path, text, match.Index, $"high-entropy string ({ShannonEntropy(match.Value):0.0} bits per character)", match.Value);
            }
        }
    }

    /// <summary>Shannon entropy of the string's characters, in bits per character (random hex ≈ 4, random base64 ≈ 6).</summary>
    public static double ShannonEntropy(string text)
    {
        var counts = new Dictionary<char, int>();
        foreach (char c in text)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        return counts.Values.Sum(n => -(double)n / text.Length * Math.Log2((double)n / text.Length));
    }

    /// <summary>Long, mixing digits and letters, and close to the entropy of random hex or base64.</summary>
    private static bool LooksRandom(string token)
    {
        bool digits = token.Any(char.IsAsciiDigit);
        bool letters = token.Any(char.IsAsciiLetter);
        if (!digits || !letters)
        {
            return false;
        }

        double entropy = ShannonEntropy(token);
        bool hex = token.All(char.IsAsciiHexDigit);
        return hex ? entropy >= 3.0 : entropy >= 4.0;
    }

    /// <summary>
    /// Settings such as TokenFile, SharedSecretFile or Kubernetes' secretName hold where the secret is (a file, a
    /// Secret object), which may be committed.
    /// </summary>
    private static bool NamesAFile(string key) =>
        key.EndsWith("file", StringComparison.OrdinalIgnoreCase) || key.EndsWith("path", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("name", StringComparison.OrdinalIgnoreCase);

    /// <summary>No value, a number or duration (TokenLimit: 20), a boolean, a reference to elsewhere (${VAR}, &lt;token&gt;), or a path.</summary>
    private static bool IsPlaceholder(string value) =>
        value.Length == 0
        || value is "null" or "~" or "true" or "false" or "none" or "None"
        || NumberOrDuration().IsMatch(value)
        || value.StartsWith('$') || value.StartsWith('<') || value.StartsWith("{{", StringComparison.Ordinal) || value.StartsWith('%')
        || value.StartsWith('/') || value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("~/", StringComparison.Ordinal);

    private static SecretFinding Finding(string path, string text, int index, string rule, string value)
    {
        int line = 1 + text.AsSpan(0, index).Count('\n');
        // An example file (secret.example.yaml, secrets.example/) holds fakes by name, hashes of fake passwords included.
        bool fake = FakeMarkers.Any(m => value.Contains(m, StringComparison.OrdinalIgnoreCase))
            || Path.GetFileName(Path.GetDirectoryName(path) ?? "").Contains(".example", StringComparison.OrdinalIgnoreCase)
            || Path.GetFileName(path).Contains(".example", StringComparison.OrdinalIgnoreCase);
        string masked = value.Length <= 8 ? new string('*', value.Length) : string.Concat(value.AsSpan(0, 4), "…", value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), " chars");
        return new SecretFinding(path, line, rule, fake ? value : masked, fake);
    }

    [GeneratedRegex(@"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----\s*(?:[A-Za-z0-9+/=:\- ]*\r?\n)*?[A-Za-z0-9+/=]{40,}")]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?i)aws_?secret_?access_?key[""']?\s*[:=]\s*[""']?[A-Za-z0-9/+=]{40}\b")]
    private static partial Regex AwsSecretKey();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{36,}\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_\-]{35}\b")]
    private static partial Regex GoogleApiKey();

    // A key naming a credential, then ':' or '=' (JSON, YAML, .env, compose lists), then its value.
    [GeneratedRegex(@"(?i)(?<key>[A-Za-z0-9_.\-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.\-]*)[""']?[ \t]*[:=][ \t]*(?<value>""[^""\r\n]*""|'[^'\r\n]*'|[^\s,#}\]]*)")]
    private static partial Regex CredentialSetting();

    // Dockerfile's older form without '=': ENV API_TOKEN value.
    [GeneratedRegex(@"(?im)^[ \t]*ENV[ \t]+(?<key>[A-Za-z0-9_.\-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.\-]*)[ \t]+(?<value>[^\s=]\S*)")]
    private static partial Regex DockerEnvSetting();

    [GeneratedRegex(@"[A-Za-z0-9+/=_\-]{32,}")]
    private static partial Regex LongToken();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_.:]*(?:ms|s|m|h|d)?$")]
    private static partial Regex NumberOrDuration();
}
