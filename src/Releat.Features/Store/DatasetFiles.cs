namespace Releat.Features.Store;

/// <summary>The files of a dataset directory.</summary>
internal static class DatasetFiles
{
    public const string Metadata = "metadata.json";
    public const string Times = "times.i64";
    public const string Observations = "observations.f32";
    public const string Executions = "execution.f64";

    /// <summary>Bid low, bid high, ask low, ask high.</summary>
    public const int ExecutionColumns = 4;
}
