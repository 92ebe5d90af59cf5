using System.Diagnostics;
using Releat.Testing;

namespace Releat.Grpc.Tests.Support;

/// <summary>
/// Node's @grpc/grpc-js as a second independent client: Interop/node/interop_client.js run from the checkout, where
/// scripts/install-prerequisites.sh installs its packages (pinned by package-lock.json); the protos come from the
/// test's output folder.
/// </summary>
public static class NodeGrpc
{
    private static readonly Lazy<string?> MissingReason = new(FindMissingReason);

    public static string? SkipReason => MissingReason.Value;

    private static string Folder => Path.Combine(RepositoryRoot.Path, "tests", "Releat.Grpc.Tests", "Interop", "node");

    public static async Task<PythonRun> RunAsync(string scenario, int port, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(scenario, port, environment);
        return await InteropProcess.WaitAsync(process, timeout);
    }

    public static Process Start(string scenario, int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        info.ArgumentList.Add(Path.Combine(Folder, "interop_client.js"));
        info.ArgumentList.Add(scenario);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "protos"));
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
    }

    private static string? FindMissingReason()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@grpc", "grpc-js")))
        {
            return $"{Folder}/node_modules lacks @grpc/grpc-js; run scripts/install-prerequisites.sh (npm ci there).";
        }

        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })!;
            node.WaitForExit();
            return node.ExitCode == 0 ? null : "node --version failed; install nodejs.";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node not found; install nodejs and npm (scripts/install-prerequisites.sh).";
        }
    }
}
