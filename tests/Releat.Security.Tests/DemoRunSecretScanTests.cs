using System.Diagnostics;
using System.Text;
using Releat.Security.Tests.Secrets;
using Releat.Testing;
using Xunit.Abstractions;

namespace Releat.Security.Tests;

/// <summary>
/// `releat demo` run as a user runs it, then everything it printed and every text file it left (reports, the trade
/// journal, checkpoints' JSON and configs, curves) scanned with the repository's secret scanner.
/// </summary>
public sealed class DemoRunSecretScanTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_demo_run_prints_and_writes_no_secret()
    {
        string cli = Path.Combine(RepositoryRoot.Path, "src", "Releat.Cli", "bin");
        string dll = Directory.EnumerateFiles(cli, "releat.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new FileNotFoundException($"releat.dll is not built under {cli}; build the solution first");
        string home = Directory.CreateTempSubdirectory("releat-demo-scan-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [dll, "demo"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["RELEAT_HOME"] = home;
            using var demo = Process.Start(start)!;
            Task<string> stdout = demo.StandardOutput.ReadToEndAsync();
            Task<string> stderr = demo.StandardError.ReadToEndAsync();
            // The demo trains, backtests and replays: about a minute here, many on a loaded 2-core machine (5 min was
            // seen to run out beside the stress run); a run that does not end is killed and its output shown.
            try
            {
                await demo.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(20));
            }
            catch (TimeoutException)
            {
                demo.Kill(entireProcessTree: true);
                throw new TimeoutException($"releat demo did not finish in 20 minutes:\n{await stdout.WithTimeout()}{await stderr.WithTimeout()}");
            }

            string printed = await stdout + await stderr;
            Assert.True(demo.ExitCode == 0, $"releat demo exited with {demo.ExitCode}:\n{printed}");
            Assert.Contains("live replay:", printed, StringComparison.Ordinal);

            var findings = SecretScanner.Scan("demo-output.log", printed).ToList();
            int scanned = 0;
            foreach (string file in Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories))
            {
                byte[] bytes = File.ReadAllBytes(file);
                if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0))
                {
                    continue; // tick store, dataset and weights: binary
                }

                findings.AddRange(SecretScanner.Scan(Path.GetRelativePath(home, file), Encoding.UTF8.GetString(bytes)));
                scanned++;
            }

            output.WriteLine($"demo secret scan: its output and {scanned} text files; {findings.Count} suspected secrets");
            Assert.True(scanned > 10, $"only {scanned} text files under {home}");
            Assert.True(findings.Count == 0, "suspected secrets in the demo's output or files:\n" + string.Join('\n', findings.Select(f => "  " + f)));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
