using Releat.Features.Store;

namespace Releat.Features.Building;

/// <summary>A finished build: the dataset's name in its store, where it is on disk (file store), and its metadata.</summary>
public sealed record DatasetBuildResult(string DatasetName, string? Location, DatasetMetadata Metadata);
