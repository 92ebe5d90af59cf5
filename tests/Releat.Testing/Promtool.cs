using System.Diagnostics;

namespace Releat.Testing;

/// <summary>Runs Prometheus's own validator (Debian package prometheus; the README's test command installs it).</summary>
public static class Promtool
{
    private static readonly string[] Candidates = ["/usr/bin/promtool", "/usr/local/bin/promtool"];

    public static (int ExitCode, string Output) CheckMetrics(string exposition)
    {
        var path = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "promtool not found: install Debian's 'prometheus' package (the README's test command does).");
        var start = new ProcessStartInfo(path, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(exposition);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    /// <summary>A service's /metrics text, after promtool found it valid (otherwise InvalidDataException with its verdict).</summary>
    public static async Task<string> ScrapeValidAsync(Uri httpAddress)
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(httpAddress, "/metrics")).ConfigureAwait(false);
        var (exitCode, verdict) = CheckMetrics(metrics);
        return exitCode == 0 ? metrics : throw new InvalidDataException($"promtool check metrics: {verdict}\n{metrics}");
    }
}
