namespace Releat.Security.Tests.Fuzz.Datasets;

/// <summary>The ways a generated case damages a stored dataset: its metadata, its array headers and lengths, its times.</summary>
internal enum DatasetMutationKind
{
    MetadataField,
    MetadataRoot,
    MetadataText,
    ArrayHeader,
    ArrayLength,
    TimesOrder,
    DeleteFile,
    DataBytes,
    ConsistentResize,
}
