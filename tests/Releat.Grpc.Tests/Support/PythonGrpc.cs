using System.Diagnostics;

namespace Releat.Grpc.Tests.Support;

/// <summary>
/// Debian's python3-grpcio as an independent client. Message classes are generated with protoc --python_out into a
/// temp directory once per test run; each health/reflection proto is copied under a unique file name first, because
/// python's descriptor pool keys files by name and "grpc/..." would shadow the grpc package itself.
/// </summary>
public static class PythonGrpc
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingReason = new(FindMissingReason);
    private static readonly Lazy<string> GeneratedDirectory = new(Generate);

    /// <summary>Null when python3-grpcio and protoc are installed; otherwise why the interop tests skip.</summary>
    public static string? SkipReason => MissingReason.Value;

    public static Task<PythonRun> RunAsync(string scenario, int port, TimeSpan timeout, params string[] extra) =>
        RunAsync(scenario, port, timeout, new Dictionary<string, string>(), extra);

    public static async Task<PythonRun> RunAsync(
        string scenario, int port, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        using var process = Start(scenario, port, environment, extra);
        return await InteropProcess.WaitAsync(process, timeout);
    }

    /// <summary>Starts a scenario whose stdout the test reads line by line (the health watch).</summary>
    public static Process Start(string scenario, int port, params string[] extra) => Start(scenario, port, new Dictionary<string, string>(), extra);

    /// <summary>Starts a scenario with extra environment (the gateway's tokens).</summary>
    public static Process Start(string scenario, int port, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "interop_client.py"));
        info.ArgumentList.Add(scenario);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var arg in extra)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PYTHONPATH"] = GeneratedDirectory.Value;
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["GRPC_ENABLE_FORK_SUPPORT"] = "0";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Python}.");
    }

    private static string? FindMissingReason()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found; install Debian's python3-grpcio to run the interop tests.";
        }

        var (code, _, error) = RunTool(Python, "-c", "import grpc, google.protobuf");
        if (code != 0)
        {
            return $"{Python} cannot import grpc ({error.Trim()}); apt-get install python3-grpcio python3-protobuf.";
        }

        return RunTool("protoc", "--version").Code == 0 ? null : "protoc not found; apt-get install protobuf-compiler.";
    }

    private static string Generate()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"releat-grpc-interop-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);

        var protos = Path.Combine(AppContext.BaseDirectory, "protos");
        var copies = new Dictionary<string, string>
        {
            ["echo.proto"] = Path.Combine(protos, "echo.proto"),
            ["health.proto"] = Path.Combine(protos, "grpc", "health", "v1", "health.proto"),
            ["reflection_v1.proto"] = Path.Combine(protos, "grpc", "reflection", "v1", "reflection.proto"),
            ["reflection_v1alpha.proto"] = Path.Combine(protos, "grpc", "reflection", "v1alpha", "reflection.proto"),
        };
        foreach (var (name, source) in copies)
        {
            File.Copy(source, Path.Combine(directory, name), overwrite: true);
        }

        var (code, output, error) = RunTool("protoc", ["-I", directory, "--python_out=" + directory, .. copies.Keys]);
        if (code != 0)
        {
            throw new InvalidOperationException($"protoc --python_out failed ({code}): {output} {error}");
        }

        // The releat.v1 contracts keep their package path (releat/v1/*_pb2), which shadows nothing.
        var contracts = Directory.GetFiles(Path.Combine(protos, "releat", "v1"), "*.proto").Select(f => "releat/v1/" + Path.GetFileName(f));
        (code, output, error) = RunTool("protoc", ["-I", protos, "--python_out=" + directory, .. contracts]);
        if (code != 0)
        {
            throw new InvalidOperationException($"protoc --python_out failed for releat/v1 ({code}): {output} {error}");
        }

        return directory;
    }

    private static (int Code, string Output, string Error) RunTool(string fileName, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, "", ex.Message);
        }
    }
}
