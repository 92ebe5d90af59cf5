using Releat.Checksums;
using Releat.Learning.Logging;
using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

public sealed class TrainingLogTests
{
    [Fact]
    public void Ppo_writes_cleanrl_scalars_to_tensorboard_and_csv()
    {
        using var directory = new TemporaryDirectory();
        string eventFile, csvFile = directory.File("scalars.csv");
        using (var tensorBoard = new TensorBoardWriter(directory.Path))
        using (var csv = new CsvScalarWriter(csvFile))
        {
            using var run = new CartPoleTraining(new PpoConfig { TotalTimesteps = 2048, Seed = 1 }, new FanOutScalarLogger(tensorBoard, csv));
            run.Trainer.Train();
            eventFile = tensorBoard.FilePath;
        }

        string[] rows = File.ReadAllLines(csvFile);
        string[] tags = [.. rows.Skip(1).Select(r => r.Split(',')[2]).Distinct()];
        foreach (string tag in new[]
        {
            "charts/episodic_return", "charts/episodic_length", "charts/learning_rate", "charts/SPS", "losses/value_loss",
            "losses/policy_loss", "losses/entropy", "losses/old_approx_kl", "losses/approx_kl", "losses/clipfrac", "losses/explained_variance",
        })
        {
            Assert.Contains(tag, tags);
        }

        // Every CSV row is also an event record (plus the file-version record), and the framing checks out.
        byte[] events = File.ReadAllBytes(eventFile);
        int records = 0, at = 0;
        while (at < events.Length)
        {
            int length = (int)BitConverter.ToUInt64(events, at);
            Assert.Equal(Crc32C.Masked(events.AsSpan(at + 12, length)), BitConverter.ToUInt32(events, at + 12 + length));
            at += 12 + length + 4;
            records++;
        }

        Assert.Equal(rows.Length - 1 + 1, records);
    }
}
