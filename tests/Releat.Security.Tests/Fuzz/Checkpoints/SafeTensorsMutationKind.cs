namespace Releat.Security.Tests.Fuzz.Checkpoints;

/// <summary>The ways a generated case damages a safetensors file: its length prefix, its JSON header, its data.</summary>
internal enum SafeTensorsMutationKind
{
    LengthPrefix,
    Dtype,
    RemoveField,
    Shape,
    Offsets,
    Metadata,
    ExtraTensor,
    DuplicateName,
    RenameTensor,
    HeaderNotAnObject,
    HeaderGarbage,
    DeepNesting,
    HeaderBytes,
    Truncate,
    Extend,
    DataBytes,
}
