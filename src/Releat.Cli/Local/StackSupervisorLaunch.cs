using System.Globalization;
using System.Text;

namespace Releat.Cli.Local;

/// <summary>Starts the stack's supervisor detached: this same CLI running `releat stack-supervise` with the start options.</summary>
internal static class StackSupervisorLaunch
{
    public static int Start(LocalStackOptions options, string log)
    {
        string program = Environment.ProcessPath ?? "dotnet";
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
        {
            arguments.Add(typeof(StackSupervisorLaunch).Assembly.Location);
        }

        arguments.AddRange(
        [
            StackSupervisor.Marker,
            "--agent", options.AgentId,
            "--speed", options.Speed.ToString("R", CultureInfo.InvariantCulture),
            "--redis-port", options.RedisPort.ToString(CultureInfo.InvariantCulture),
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
        ]);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["RELEAT_HOME"] = ReleatHome.Path };
        return DetachedProcess.Start(program, arguments, log, environment, Environment.CurrentDirectory);
    }

    /// <summary>What the log gained from <paramref name="offset"/> on.</summary>
    public static string ReadFrom(string log, long offset)
    {
        if (!File.Exists(log))
        {
            return "(no log)";
        }

        using var file = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(Math.Min(offset, file.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
