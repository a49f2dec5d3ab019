using MecActors.Policies.Orchestration;
using Xunit;

namespace MecActors.Policies.Tests.Orchestration;

public sealed class QRowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(1025)]
    public void Greedy_is_the_first_largest_value_after_every_update(int length)
    {
        var row = new QRow(length);
        var plain = new double[length];
        var random = new Random(length);
        Assert.Equal(0, row.Greedy);
        for (var update = 0; update < 5000; update++)
        {
            // A few distinct levels make ties common; every fifth update lowers the current leader, the case a scan is needed for.
            var joint = update % 5 == 0 ? row.Greedy : random.Next(length);
            var value = update % 5 == 0 ? plain[joint] - 1.0 : random.Next(-3, 3);
            row.Set(joint, value);
            plain[joint] = value;

            var first = 0;
            for (var i = 1; i < length; i++)
            {
                if (plain[i] > plain[first])
                {
                    first = i;
                }
            }

            Assert.Equal(first, row.Greedy);
            Assert.Equal(plain[first], row.Max);
        }
    }

    [Fact]
    public void A_written_row_reads_back_with_the_same_values_and_greedy_action()
    {
        var row = new QRow(7);
        row.Set(2, -1.5);
        row.Set(5, 4.25);
        row.Set(6, 4.25);
        using var stream = new MemoryStream();
        row.Write(new BinaryWriter(stream));
        stream.Position = 0;

        var read = QRow.Read(new BinaryReader(stream));

        Assert.Equal(7, read.Length);
        Assert.Equal(Enumerable.Range(0, 7).Select(j => row[j]), Enumerable.Range(0, 7).Select(j => read[j]));
        Assert.Equal(5, read.Greedy);
    }
}
