using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Releat.Features.Benchmarks;

/// <summary>Runs ../shared/peers/bars_pandas.py with Debian's Python and reads the ticks/s it prints.</summary>
internal static partial class PandasPeer
{
    private const string Python = "/usr/bin/python3";

    public static double? TicksPerSecond(int ticks, out string report)
    {
        string script = Path.Combine(RepositoryPaths.Peers, "bars_pandas.py");
        if (!File.Exists(Python) || !File.Exists(script))
        {
            report = $"skipped: {(File.Exists(Python) ? script : Python)} not found";
            return null;
        }

        var start = new ProcessStartInfo(Python, [script, ticks.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        report = output.Trim();
        Match match = TicksPerSecondField().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            report = $"failed (exit {process.ExitCode}): {output.Trim()} {errors.Trim()}";
            return null;
        }

        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"ticks_per_s=([0-9.]+)")]
    private static partial Regex TicksPerSecondField();
}
