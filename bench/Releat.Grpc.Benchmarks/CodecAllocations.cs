using System.IO.Pipelines;
using Google.Protobuf;
using Releat.Bench.V1;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Benchmarks;

/// <summary>
/// The per-message hot path without the network: frame a message into a pipe and read it back, counting bytes
/// allocated on this thread. Writing should allocate nothing; reading allocates only the message it returns.
/// </summary>
internal static class CodecAllocations
{
    public static (double WriteBytesPerMessage, double ReadBytesPerMessage) Measure(int messages)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: long.MaxValue, resumeWriterThreshold: long.MaxValue, useSynchronizationContext: false));
        var message = new Payload { Data = ByteString.CopyFrom(new byte[64]) };
        var marshaller = BenchMarshaller.Payload;
        var writer = new FrameSerializationContext();
        var reader = new FrameReader(pipe.Reader, 4 * 1024 * 1024, null, "benchmark");

        long writeBytes = 0, readBytes = 0;
        for (var round = 0; round < 2; round++)
        {
            writeBytes = readBytes = 0;
            for (var i = 0; i < messages; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                writer.Reset(pipe.Writer, compress: false, null);
                marshaller.ContextualSerializer(message, writer);
                var flush = pipe.Writer.FlushAsync();
                var middle = GC.GetAllocatedBytesForCurrentThread();
                var read = reader.ReadMessageAsync(marshaller.ContextualDeserializer, CancellationToken.None);
                if (!flush.IsCompleted || !read.IsCompleted || read.Result is null)
                {
                    throw new InvalidOperationException("The in-memory pipe should complete synchronously.");
                }

                var after = GC.GetAllocatedBytesForCurrentThread();
                writeBytes += middle - before;
                readBytes += after - middle;
            }
        }

        return ((double)writeBytes / messages, (double)readBytes / messages);
    }
}
