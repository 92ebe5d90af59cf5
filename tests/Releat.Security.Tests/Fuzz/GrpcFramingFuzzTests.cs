using System.Net;
using Grpc.Health.V1;
using Releat.Security.Tests.Support;
using Xunit.Abstractions;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the gRPC framing on a real Kestrel host built with ServiceDefaults: truncated frames, lying
/// length prefixes, bad and random compression flags, gzip garbage and bombs, random bytes as bodies and payloads,
/// unknown protobuf fields. Every request must end in a proper grpc-status (the exact one where the outcome is
/// determined), and the server must still answer a normal call afterwards.
/// </summary>
public sealed class GrpcFramingFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 1200;
    private const ulong Seed = 20261121;

    /// <summary>
    /// What a malformed request may end with when the outcome depends on the bytes: OK, UNKNOWN (grpc-dotnet's answer
    /// when a message does not parse), NOT_FOUND (health of an unknown service), RESOURCE_EXHAUSTED, INTERNAL.
    /// </summary>
    private static readonly int[] Allowed = [0, 2, 5, 8, 13];

    [Fact]
    public async Task Every_malformed_request_ends_in_a_proper_status_and_the_server_keeps_serving()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Grpc:RateLimits:probe:TokenLimit"] = "1000000",
            ["Grpc:RateLimits:probe:TokensPerPeriod"] = "1000000",
        });
        using var raw = new RawGrpcCall();
        var cases = SeededCases.Sample(FramingCase.Generator, Cases, Seed);
        var byDamage = new Dictionary<FrameDamage, int>();

        foreach (var fuzz in cases)
        {
            var answer = await raw.SendAsync(host.Address, fuzz.Path, fuzz.Body(), fuzz.Encoding);

            Assert.True(answer.HttpStatus == HttpStatusCode.OK, $"{fuzz}: HTTP {(int)answer.HttpStatus}");
            Assert.True(answer.GrpcStatus is not null, $"{fuzz}: no grpc-status");
            if (fuzz.Expected() is { } expected)
            {
                Assert.True(answer.GrpcStatus == expected, $"{fuzz}: grpc-status {answer.GrpcStatus} '{answer.GrpcMessage}', expected {expected}");
            }
            else
            {
                Assert.True(Allowed.Contains(answer.GrpcStatus!.Value), $"{fuzz}: grpc-status {answer.GrpcStatus} '{answer.GrpcMessage}'");
            }

            Assert.False(fuzz.MustFail && answer.GrpcStatus == 0, $"{fuzz}: accepted");

            if (fuzz.Damage is FrameDamage.UnknownFields or FrameDamage.Gzipped)
            {
                var reply = V1.Signal.Parser.ParseFrom(answer.Body.AsSpan(5));
                Assert.Equal(fuzz.AgentId, reply.AgentId);
            }

            byDamage[fuzz.Damage] = byDamage.GetValueOrDefault(fuzz.Damage) + 1;
        }

        using var channel = host.CreateChannel();
        var after = await new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = "still-serving" });
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal("still-serving", after.AgentId);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(Cases, byDamage.Values.Sum());
        output.WriteLine($"gRPC framing: {Cases} fuzzed requests (seed {Seed}), each ended in a proper grpc-status; then a normal call succeeded.");
        foreach (var (damage, count) in byDamage.OrderBy(p => p.Key))
        {
            output.WriteLine($"  {damage}: {count}");
        }
    }
}
