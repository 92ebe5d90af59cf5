using System.Net;

namespace Releat.Grpc.Tests.Support;

/// <summary>What a raw request got back: HTTP status, grpc-status (from trailers or trailers-only headers), message, body.</summary>
public sealed record RawGrpcResponse(HttpStatusCode HttpStatus, string? GrpcEncoding, string? GrpcStatus, string? GrpcMessage, byte[] Body);
