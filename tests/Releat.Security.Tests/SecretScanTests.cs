using Releat.Security.Tests.Secrets;
using Releat.Testing;
using Xunit.Abstractions;

namespace Releat.Security.Tests;

/// <summary>
/// No secret is committed: every file git tracks is scanned for private keys, provider keys, credential settings
/// with literal values and random-looking strings in configuration. Fakes that tests need say so in their value
/// (test, example, not-a-secret) and are listed, not failed.
/// </summary>
public sealed class SecretScanTests(ITestOutputHelper output)
{
    private const int MaxScannedBytes = 8 << 20;

    [Fact]
    public void No_tracked_file_holds_a_secret()
    {
        string root = RepositoryRoot.Path;
        IReadOnlyList<string> tracked = TrackedFiles.List(root);
        var findings = new List<SecretFinding>();
        int scanned = 0;
        int configs = 0;
        int skipped = 0;
        foreach (string file in tracked)
        {
            string path = Path.Combine(root, file);
            if (!File.Exists(path) || new FileInfo(path).Length > MaxScannedBytes)
            {
                skipped++;
                continue;
            }

            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0))
            {
                // Binary: no text secret to find, and decoding it would only produce noise.
                skipped++;
                continue;
            }

            findings.AddRange(SecretScanner.Scan(file, System.Text.Encoding.UTF8.GetString(bytes)));
            scanned++;
            configs += SecretScanner.IsConfigFile(file) ? 1 : 0;
        }

        foreach (SecretFinding fake in findings.Where(f => f.AllowListed))
        {
            output.WriteLine($"allow-listed (marked as fake): {fake}");
        }

        SecretFinding[] secrets = [.. findings.Where(f => !f.AllowListed)];
        output.WriteLine($"secret scan: {tracked.Count} tracked files, {scanned} scanned ({configs} configuration files), {skipped} binary, " +
            $"large or deleted; {secrets.Length} suspected secrets, {findings.Count - secrets.Length} allow-listed fakes.");
        Assert.True(tracked.Count > 100, "git ls-files should list the repository");
        Assert.True(secrets.Length == 0, "suspected secrets in tracked files:\n" + string.Join('\n', secrets.Select(s => "  " + s)));
    }

    // Samples are assembled at run time so that this file does not itself contain what the scanner looks for.
    private static readonly string Pem = string.Concat("-----BEGIN ", "PRIVATE KEY-----\n", new string('Q', 64), "\n", "-----END PRIVATE KEY-----\n");
    private static readonly string AwsKeyId = string.Concat("AK", "IA", "Z7QW3XK2M9PLR4TB");
    private static readonly string RandomHex = "9f3c2a71e4b0d85c6a1f0e27b3d94c58a6e1f72d03b9c4e5";

    public static TheoryData<string, string, string> Secrets => new()
    {
        { "PEM private key in source", "src/Keys.cs", $"const string Key = @\"{Pem}\";" },
        { "AWS key id in a README", "docs/setup.md", $"export AWS_ACCESS_KEY_ID={AwsKeyId}" },
        { "password in appsettings", "services/x/appsettings.Production.json", "{ \"Redis\": { \"Password\": \"hunter2-but-longer\" } }" },
        { "token in YAML", "deploy/compose.yaml", "    Auth__Callers__0__Token: s3cr3t-value-of-trader" },
        { "secret in .env", ".env", "MT5_BRIDGE_SECRET=Zm9vYmFyYmF6cXV4" },
        { "token in a compose list", "deploy/compose.yml", "      - API_TOKEN='opensesame'" },
        { "token in a Dockerfile", "services/x/Dockerfile", "ENV GATEWAY_TOKEN abcdefgh12345678" },
        { "random hex in YAML", "agents/x/agent.yaml", $"description: {RandomHex}" },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void The_scanner_finds_each_kind_of_secret(string name, string path, string text)
    {
        SecretFinding[] findings = [.. SecretScanner.Scan(path, text)];

        Assert.True(findings.Any(f => !f.AllowListed), $"{name}: not found in '{text}'");
        Assert.All(findings, f => Assert.DoesNotContain(RandomHex, f.Excerpt, StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> Placeholders => new()
    {
        { "null and empty values", "services/x/appsettings.json", "{ \"BearerToken\": null, \"Password\": \"\" }" },
        { "references to elsewhere", "deploy/compose.yaml", "Token: ${TRADER_TOKEN}\nsecret: <from the vault>\nAPI_KEY={{ api_key }}" },
        { "where the secret is kept", "deploy/compose.yaml", "Auth__Callers__0__TokenFile: /run/secrets/trader-token\nMt5Bridge__SharedSecretFile: secrets/bridge" },
        { "limits named after tokens", "services/x/appsettings.json", "{ \"TokenLimit\": 20, \"TokensPerPeriod\": 10, \"MinimumTokenLength\": 24 }" },
        { "prose and source", "src/Auth.cs", "var token = request.Headers[\"authorization\"]; // the password: never logged" },
        { "an agent config", "agents/t00001/agent.yaml", "agent: t00001\ndescription: Reference agent - EURUSD ticks, 10 s decisions\nstale_signal_age: 5s" },
    };

    [Theory]
    [MemberData(nameof(Placeholders))]
    public void Placeholders_and_ordinary_settings_pass(string name, string path, string text)
    {
        SecretFinding[] findings = [.. SecretScanner.Scan(path, text)];

        Assert.True(findings.Length == 0, $"{name}: {string.Join("; ", findings.AsEnumerable())}");
    }

    [Fact]
    public void Marked_fakes_are_listed_as_allow_listed()
    {
        SecretFinding[][] findings =
        [
            [.. SecretScanner.Scan("tests/x/appsettings.json", "{ \"Token\": \"trade-token-for-tests-0123456789abcdef0123\" }")],
            [.. SecretScanner.Scan("deploy/example.env", "BRIDGE_SECRET=example-bridge-secret")],
            [.. SecretScanner.Scan("deploy/compose.yaml", "password: not-a-secret-just-a-fixture")],
        ];

        Assert.All(findings, found => Assert.NotEmpty(found));
        Assert.All(findings.SelectMany(f => f), f => Assert.True(f.AllowListed, f.ToString()));
    }
}
