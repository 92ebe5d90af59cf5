namespace Releat.Cli.Local;

/// <summary>One service of the local stack: its folder under services/, its project (and dll) name and its two ports.</summary>
internal sealed record LocalService(string Folder, string Project, int GrpcPort, int HttpPort)
{
    /// <summary>The five hosts on the ports their appsettings.json use, so grpcurl lines from the docs work as printed.</summary>
    public static IReadOnlyList<LocalService> All { get; } =
    [
        new("mt5-gateway", "Releat.Mt5Gateway", 6001, 6081),
        new("feature-builder", "Releat.FeatureBuilder", 6002, 6082),
        new("trainer", "Releat.Trainer", 6003, 6083),
        new("signal", "Releat.Signal", 6004, 6084),
        new("trader", "Releat.Trader", 6005, 6085),
    ];

    public Uri HealthAddress => new($"http://127.0.0.1:{HttpPort}/healthz");

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>The service in <c>services/&lt;folder&gt;</c>.</summary>
    public static LocalService Named(string folder) => All.Single(s => s.Folder == folder);
}
