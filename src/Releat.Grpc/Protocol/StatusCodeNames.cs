using Grpc.Core;

namespace Releat.Grpc.Protocol;

/// <summary>The spec's upper-case status names ("DEADLINE_EXCEEDED"), used as metric tags and in logs.</summary>
internal static class StatusCodeNames
{
    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    private static readonly string[] Numbers = Enumerable.Range(0, Names.Length)
        .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static string Name(StatusCode code)
    {
        var index = (int)code;
        return (uint)index < (uint)Names.Length ? Names[index] : "UNKNOWN";
    }

    /// <summary>The grpc-status header value, without allocating for the known codes.</summary>
    public static string Number(StatusCode code)
    {
        var index = (int)code;
        return (uint)index < (uint)Numbers.Length ? Numbers[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
