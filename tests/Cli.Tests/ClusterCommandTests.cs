using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary><c>mec node</c> and <c>--cluster</c>: their bad input, and a comparison run on two nodes in this process.</summary>
public sealed class ClusterCommandTests
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public async Task A_node_refuses_a_wildcard_address_without_the_flag(string hostname)
    {
        var result = await InProcessMec.RunAsync("node", "--port", "0", "--hostname", hostname);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--hostname", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("wildcard", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_that_is_not_an_address_is_bad_input()
    {
        using var temp = new TempDirectory();

        var result = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--cluster", "localhost:4053", "--out", temp.Child("out"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--cluster", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Child("out")));
    }

    [Fact]
    public async Task The_realtime_clock_on_a_cluster_is_bad_input()
    {
        using var temp = new TempDirectory();

        var result = await InProcessMec.RunAsync(
            "compare", RepoPaths.TinyScenario, "--cluster", "akka.tcp://mec@127.0.0.1:4053", "--clock", "realtime", "--out", temp.Child("out"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--cluster", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_on_two_nodes_writes_the_bytes_of_compare_in_one_process()
    {
        using var temp = new TempDirectory();
        using var stop = new CancellationTokenSource();
        var seedReady = temp.Child("seed.ready");
        var workerReady = temp.Child("worker.ready");
        var seed = RunNode(stop.Token, "node", "--port", "0", "--ready-file", seedReady);
        var worker = Task.FromResult(ExitCodes.Success);
        try
        {
            var seedAddress = await WaitForReadyFile(seedReady, seed);
            worker = RunNode(stop.Token, "node", "--port", "0", "--seed-nodes", seedAddress, "--ready-file", workerReady);
            await WaitForReadyFile(workerReady, worker);

            var onCluster = await InProcessMec.RunAsync(
                "compare", RepoPaths.TinyScenario, "--slots", "8", "--cluster", seedAddress, "--out", temp.Child("cluster"));
            var inProcess = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--slots", "8", "--out", temp.Child("local"));

            Assert.True(onCluster.ExitCode == ExitCodes.Success, onCluster.ToString());
            Assert.True(inProcess.ExitCode == ExitCodes.Success, inProcess.ToString());
            foreach (var file in new[] { "summary.json", "slots.csv" })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Child("local"), file)), File.ReadAllBytes(Path.Combine(temp.Child("cluster"), file)));
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        // Cancelled nodes leave the cluster and end with exit code 0.
        Assert.Equal(ExitCodes.Success, await worker.WaitAsync(UpTimeout));
        Assert.Equal(ExitCodes.Success, await seed.WaitAsync(UpTimeout));
    }

    private static Task<int> RunNode(CancellationToken stop, params string[] args)
    {
        var log = TextWriter.Synchronized(new StringWriter());
        return Task.Run(() => MecCli.RunAsync(args, log, log, stop));
    }

    /// <summary>The node's address from its ready file, once it is Up; fails if the node ends first or takes too long.</summary>
    private static async Task<string> WaitForReadyFile(string path, Task node)
    {
        var deadline = DateTime.UtcNow + UpTimeout;
        while (!File.Exists(path))
        {
            Assert.False(node.IsCompleted, $"the node ended before writing {path}");
            Assert.True(DateTime.UtcNow < deadline, $"no {path} within {UpTimeout}");
            await Task.Delay(100);
        }

        return (await File.ReadAllTextAsync(path)).Trim();
    }
}
