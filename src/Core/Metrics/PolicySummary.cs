using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Metrics;

/// <summary>
/// One row of summary.json. Delay, accuracy and the objective average over the tasks that ran
/// (completed or missed-deadline); ssp is the share of tasks completed within their deadline. The device energy per
/// task is there only when the scenario models energy (its tasks then cost some), the energy budget's report only when
/// the scenario's devices have one (<c>devices.compute.energy-budget-j</c>).
/// </summary>
/// <remarks>
/// <see cref="SuccessAccuracy"/> is paper 002's average accuracy (Sec. VI-D): the accuracy of the tasks completed within
/// their deadline summed over all tasks, a late or dropped task counting 0 (avgAccuracy averages over the tasks that ran).
/// </remarks>
public sealed record PolicySummary(
    string Name,
    double AvgDelayMs,
    double AvgAccuracy,
    double Objective,
    int Tasks,
    int Completed,
    int MissedDeadline,
    int Dropped,
    double Ssp,
    double ThroughputPerSlot,
    double CacheHitRate,
    double AvgTransmissionMs,
    double AvgQueueingMs,
    double AvgDownloadMs,
    double AvgComputeMs,
    double? AvgEnergyJ = null,
    EnergyBudgetReport? EnergyBudget = null)
{
    public double SuccessAccuracy { get; init; }

    /// <summary>
    /// Whether a single run's summary.json carries <see cref="SuccessAccuracy"/>: when the scenario reports it
    /// (<c>metrics.success-accuracy</c>), so that other scenarios' summaries keep their bytes. Replicated results and
    /// sweeps carry every metric.
    /// </summary>
    public bool ReportsSuccessAccuracy { get; init; }

    /// <summary>
    /// Under a fault plan, or when a cluster node was lost with tasks in flight: the dropped tasks by reason (null
    /// otherwise, so other summaries keep their bytes). Under a fault plan: each fault's windows.
    /// </summary>
    public IReadOnlyDictionary<string, int>? DroppedByReason { get; init; }

    public IReadOnlyList<FaultWindowReport>? FaultWindows { get; init; }

    /// <summary>A cluster run whose learning coordinator was lost: each hand-over (null otherwise, so other summaries keep their bytes).</summary>
    public IReadOnlyList<LearnerHandOver>? LearnerHandOvers { get; init; }

    public static PolicySummary From(PolicyRun run, ISlotObjective objective, bool successAccuracy = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        return From(run.Name, run.Records, run.Slots, objective, successAccuracy) with { LearnerHandOvers = run.HandOvers };
    }

    /// <summary>
    /// The run's row as <paramref name="scenario"/> reports it: its success accuracy when it asks for it, the energy
    /// budget's report when its devices have a budget.
    /// </summary>
    public static PolicySummary From(PolicyRun run, ScenarioSpec scenario)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(scenario);
        var summary = From(run, scenario.Objective, scenario.ReportsSuccessAccuracy);
        if (!scenario.Faults.IsEmpty)
        {
            summary = summary with
            {
                DroppedByReason = WindowMetrics.Of(run.Records, 1, run.Slots).DroppedByReason,
                FaultWindows = FaultWindowReport.From(run.Records, run.Slots, scenario.SlotSeconds, scenario.Faults),
            };
        }
        else if (run.Records.Any(r => r.DropReason == DropReasons.NodeLost))
        {
            // A cluster node was lost in the run: what it cost is part of the result.
            summary = summary with { DroppedByReason = WindowMetrics.Of(run.Records, 1, run.Slots).DroppedByReason };
        }

        return scenario.DeviceCompute?.EnergyBudgetJ is { } budget && run.Slots > 0
            ? summary with { EnergyBudget = EnergyBudgetReport.From(run.Records, run.Slots, scenario.DeviceCount, budget) }
            : summary;
    }

    public static PolicySummary From(string name, IReadOnlyList<TaskRecord> records, int slots, ISlotObjective objective, bool successAccuracy = false)
    {
        int completed = 0, missed = 0, dropped = 0, hits = 0;
        double delay = 0, accuracy = 0, onTimeAccuracy = 0, cost = 0, transmission = 0, queueing = 0, download = 0, compute = 0, energy = 0;
        foreach (var r in records)
        {
            switch (r.Outcome)
            {
                case TaskOutcome.Completed:
                    completed++;
                    onTimeAccuracy += r.Accuracy;
                    break;
                case TaskOutcome.MissedDeadline:
                    missed++;
                    break;
                default:
                    dropped++;
                    continue;
            }

            delay += r.DelayS;
            accuracy += r.Accuracy;
            cost += objective.Cost(r);
            transmission += r.TransmissionS;
            queueing += r.QueueingS;
            download += r.DownloadS;
            compute += r.ComputeS;
            energy += r.EnergyJ;
            if (r.CacheHit)
            {
                hits++;
            }
        }

        var ran = completed + missed;
        double Mean(double sum) => ran == 0 ? 0.0 : sum / ran;
        return new PolicySummary(
            name,
            Mean(delay) * 1000.0,
            Mean(accuracy),
            Mean(cost),
            records.Count,
            completed,
            missed,
            dropped,
            records.Count == 0 ? 0.0 : (double)completed / records.Count,
            slots == 0 ? 0.0 : (double)completed / slots,
            Mean(hits),
            Mean(transmission) * 1000.0,
            Mean(queueing) * 1000.0,
            Mean(download) * 1000.0,
            Mean(compute) * 1000.0,
            energy > 0 ? Mean(energy) : null)
        {
            SuccessAccuracy = records.Count == 0 ? 0.0 : onTimeAccuracy / records.Count,
            ReportsSuccessAccuracy = successAccuracy,
        };
    }
}
