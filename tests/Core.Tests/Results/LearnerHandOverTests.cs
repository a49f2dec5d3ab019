using System.Text;
using MecActors.Core.Configuration;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Tests.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Results;

/// <summary>A cluster run whose learner was handed over says which slots were re-emulated and replayed; any other keeps its bytes.</summary>
public class LearnerHandOverTests
{
    private static readonly PolicyRun Run = new("greedy", 1, [new TaskRecord(0, 1, 0, 0, 0, 0, 1, 0.8, true, 0, 0.1, 0, 0, 0, 0.1, TaskOutcome.Completed, string.Empty)]);

    [Theory]
    [InlineData(105, 100, "1-100", "101-105")]
    [InlineData(100, 100, "1-100", null)]
    [InlineData(7, 0, null, "1-7")]
    public void A_hand_over_names_the_slots_emulated_again_and_decided_again(int lostAfter, int checkpoint, string? reemulated, string? replayed)
    {
        var handOver = new LearnerHandOver(lostAfter, checkpoint, TimeSpan.FromSeconds(1), "node");

        Assert.Equal(reemulated, handOver.ReemulatedSlots);
        Assert.Equal(replayed, handOver.ReplayedSlots);
    }

    [Fact]
    public void The_summary_lists_each_hand_over_after_the_rows_fields()
    {
        var scenario = ScenarioFiles.Load(HoconParser.ParseFile(ScenarioFiles.Tiny));
        var handedOver = Run with
        {
            HandOvers = [new(105, 100, TimeSpan.FromSeconds(16.1234), "akka.tcp://mec@127.0.0.1:4054"), new(130, 0, TimeSpan.FromSeconds(2), "akka.tcp://mec@127.0.0.1:4055", "checkpoints are off")],
        };

        var json = Json(scenario, handedOver);

        Assert.EndsWith(
            """
                  "avgComputeMs": 100,
                  "learnerHandOvers": [
                    {
                      "lostAfterSlot": 105,
                      "checkpointSlot": 100,
                      "reemulatedSlots": "1-100",
                      "replayedSlots": "101-105",
                      "noCheckpoint": null,
                      "handOverSeconds": 16.123,
                      "newNode": "akka.tcp://mec@127.0.0.1:4054"
                    },
                    {
                      "lostAfterSlot": 130,
                      "checkpointSlot": 0,
                      "reemulatedSlots": null,
                      "replayedSlots": "1-130",
                      "noCheckpoint": "checkpoints are off",
                      "handOverSeconds": 2,
                      "newNode": "akka.tcp://mec@127.0.0.1:4055"
                    }
                  ]
                }
              ]
            }

            """,
            json,
            StringComparison.Ordinal);
        Assert.Equal(Json(scenario, Run), json[..json.IndexOf(",\n      \"learnerHandOvers\"", StringComparison.Ordinal)] + "\n    }\n  ]\n}\n");
    }

    private static string Json(Core.Scenarios.ScenarioSpec scenario, PolicyRun run) =>
        Encoding.UTF8.GetString(ResultsWriter.SummaryJson(scenario.Name, 1, 1, ResultsWriter.VirtualClock, [PolicySummary.From(run, scenario)]));
}
