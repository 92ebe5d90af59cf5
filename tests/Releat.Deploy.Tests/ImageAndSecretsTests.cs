using System.Text.RegularExpressions;
using Releat.Testing;

namespace Releat.Deploy.Tests;

/// <summary>The Dockerfile's targets run as the non-root user with only their own program; secrets are generated at first start, never committed or built in.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ImageAndSecretsTests
{
    private static readonly string[] Targets = ["mt5-gateway", "feature-builder", "trainer", "signal", "trader", "cli"];

    [Fact]
    public void Every_runtime_stage_runs_as_the_app_user_and_copies_only_its_own_program()
    {
        string dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));
        var stages = Stage().Matches(dockerfile).ToDictionary(m => m.Groups["name"].Value, m => m.Value, StringComparer.Ordinal);
        Assert.Contains("USER $APP_UID", stages["service"], StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", stages["cli"], StringComparison.Ordinal);
        foreach (string target in Targets)
        {
            var copies = Regex.Matches(stages[target], @"COPY --from=build (\S+)").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal([$"/out/{target}/"], copies);
        }
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_data_the_git_folder_and_secrets()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".dockerignore")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (string entry in new[] { "**/bin/", "**/obj/", "data/", "artifacts/", ".git/", "deploy/", "**/*.env" })
        {
            Assert.Contains(entry, ignored);
        }

        // Of deploy/ only scripts go in: the one-shot services' (the CLI image runs them), never a secrets folder.
        Assert.All(ignored.Where(l => l.StartsWith("!deploy/", StringComparison.Ordinal)), l => Assert.EndsWith(".sh", l, StringComparison.Ordinal));

        var result = ExternalTool.Run(ExternalTool.Require("git"), ["check-ignore", "-q", "deploy/secrets/tokens/operator"]);
        Assert.True(result.ExitCode == 0, "deploy/secrets/ must be git-ignored");
    }

    [Fact]
    public void Generate_secrets_writes_distinct_random_values_readable_by_the_containers_and_keeps_them_on_a_second_run()
    {
        string folder = Path.Combine(Directory.CreateTempSubdirectory("releat-secrets-").FullName, "secrets");
        try
        {
            string script = Path.Combine(RepositoryRoot.Path, "deploy", "generate-secrets.sh");
            var first = ExternalTool.Run(ExternalTool.Require("bash"), [script, folder]);
            Assert.True(first.ExitCode == 0, first.All);
            var tokens = new[] { "operator", "prometheus", "trader", "signal" }
                .Select(c => File.ReadAllText(Path.Combine(folder, "tokens", c)).Trim()).ToList();
            Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{64}$", t));
            Assert.Equal(tokens.Count, tokens.Distinct().Count());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            Assert.True(File.GetUnixFileMode(Path.Combine(folder, "tokens", "trader")).HasFlag(UnixFileMode.OtherRead), "uid 1654 must read a mounted token");

            // One Redis password per service user, and an ACL file that holds only their SHA-256.
            string acl = File.ReadAllText(Path.Combine(folder, "redis", "users.acl"));
            var redisPasswords = new[] { "signal", "trader", "feature-builder", "operator" }
                .Select(u => (User: u, Password: File.ReadAllText(Path.Combine(folder, "redis", u)).Trim())).ToList();
            foreach (var (user, password) in redisPasswords)
            {
                Assert.Matches("^[0-9a-f]{64}$", password);
                Assert.True(File.GetUnixFileMode(Path.Combine(folder, "redis", user)).HasFlag(UnixFileMode.OtherRead), "uid 1654 must read the mounted password");
                string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password)));
                Assert.Contains($"user {user} reset on #{hash} ", acl, StringComparison.Ordinal);
                Assert.DoesNotContain(password, acl, StringComparison.Ordinal);
            }

            Assert.Equal(redisPasswords.Count, redisPasswords.Select(p => p.Password).Distinct().Count());
            Assert.Contains("user default reset off", acl, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "trader.env")), "client secrets are files now, not env files");

            var second = ExternalTool.Run(ExternalTool.Require("bash"), [script, folder]);
            Assert.Contains("all secrets present", second.Output, StringComparison.Ordinal);
            Assert.Equal(tokens[0], File.ReadAllText(Path.Combine(folder, "tokens", "operator")).Trim());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [GeneratedRegex(@"^FROM \S+ AS (?<name>[a-z0-9-]+)\n(?:(?!FROM ).*\n?)*", RegexOptions.Multiline)]
    private static partial Regex Stage();
}
