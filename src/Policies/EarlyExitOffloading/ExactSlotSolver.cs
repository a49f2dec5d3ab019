namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// The exact optimum of a <see cref="SlotProblem"/>: the choice per task that maximises eq. (9), paper 002, over
/// every combination of the allowed options (the reference of the normalised reward, eq. (17)), without enumerating
/// them. Tasks are taken in the order they reach the servers; after the first k, what the rest can still earn depends
/// only on when each server is next free (FIFO, eq. (7)), and never increases as a server becomes free later, because
/// a completion max(a, F) + p grows with F and a task's reward never grows with its completion.
/// <list type="bullet">
/// <item>Dominance: of two partial choices where one's servers are all free no later and its reward so far is no
/// smaller, the other cannot lead to anything better, so it is dropped (free times are first raised to the next
/// task's arrival, which changes no later completion: every later task arrives no earlier).</item>
/// <item>Bound: a partial choice is dropped when its reward so far plus, for every task still to come, the best that
/// task could earn at the present free times (an upper bound, by the monotonicity above) is below the reward of a
/// complete choice already known (the greedy one, improved by changing one task at a time while that pays).</item>
/// </list>
/// Neither rule can drop every optimal choice, so the best complete choice left is optimal. docs/reproduction/grle.md
/// reports the solver's time.
/// </summary>
public static class ExactSlotSolver
{
    // Rewards are sums of at most a few thousand terms in [0, 1]; a smaller difference is rounding.
    private const double Tolerance = 1e-12;

    /// <summary>The optimal option per task (observation order) and the slot's reward, among <paramref name="allowed"/>.</summary>
    public static (int[] Options, double Reward) Solve(SlotProblem problem, ReadOnlySpan<int> allowed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (allowed.Length == 0)
        {
            throw new ArgumentException("no option is allowed", nameof(allowed));
        }

        var tasks = problem.Tasks;
        if (tasks == 0)
        {
            return ([], 0.0);
        }

        var options = allowed.ToArray();
        var order = problem.ArrivalOrder.ToArray();
        var servers = problem.Options.Servers;
        var (greedy, incumbent) = Improved(problem, options, Greedy(problem, options, order).Options);

        var layers = new List<State[]>(tasks + 1);
        var start = new double[servers];
        for (var n = 0; n < servers; n++)
        {
            start[n] = Math.Max(problem.InitialFreeAt(n), problem.ArrivalSeconds(order[0]));
        }

        layers.Add([new State(start, 0.0, -1, -1)]);
        for (var k = 0; k < tasks; k++)
        {
            var task = order[k];
            var nextArrival = k + 1 < tasks ? problem.ArrivalSeconds(order[k + 1]) : double.NegativeInfinity;
            var previous = layers[k];
            var candidates = new List<State>(previous.Length * options.Length);
            for (var p = 0; p < previous.Length; p++)
            {
                var state = previous[p];
                foreach (var option in options)
                {
                    var (server, exit) = problem.Options.Of(option);
                    var completion = problem.Completion(task, server, exit, state.FreeAt[server]);
                    var freeAt = (double[])state.FreeAt.Clone();
                    freeAt[server] = completion;
                    for (var n = 0; n < servers; n++)
                    {
                        freeAt[n] = Math.Max(freeAt[n], nextArrival);
                    }

                    var value = state.Value + problem.TaskReward(task, exit, completion);
                    if (value + RemainingBound(problem, options, order, k + 1, freeAt) < incumbent - Tolerance)
                    {
                        continue;
                    }

                    candidates.Add(new State(freeAt, value, p, option));
                }
            }

            layers.Add(Undominated(candidates));
        }

        var last = layers[tasks];
        if (last.Length == 0)
        {
            return (greedy, incumbent / tasks);
        }

        var best = 0;
        for (var s = 1; s < last.Length; s++)
        {
            if (last[s].Value > last[best].Value)
            {
                best = s;
            }
        }

        if (last[best].Value < incumbent)
        {
            return (greedy, incumbent / tasks);
        }

        var chosen = new int[tasks];
        var index = best;
        for (var k = tasks; k > 0; k--)
        {
            var state = layers[k][index];
            chosen[order[k - 1]] = state.Option;
            index = state.Parent;
        }

        return (chosen, last[best].Value / tasks);
    }

    /// <summary>Plain enumeration of every combination: the check of <see cref="Solve"/> on small slots.</summary>
    public static (int[] Options, double Reward) Enumerate(SlotProblem problem, ReadOnlySpan<int> allowed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var tasks = problem.Tasks;
        var options = allowed.ToArray();
        var digits = new int[tasks];
        var choice = new int[tasks];
        int[] best = [];
        var bestReward = double.NegativeInfinity;
        while (true)
        {
            for (var i = 0; i < tasks; i++)
            {
                choice[i] = options[digits[i]];
            }

            var reward = problem.Reward(choice);
            if (reward > bestReward)
            {
                bestReward = reward;
                best = (int[])choice.Clone();
            }

            var d = 0;
            while (d < tasks && ++digits[d] == options.Length)
            {
                digits[d++] = 0;
            }

            if (d == tasks)
            {
                return (best, bestReward);
            }
        }
    }

    /// <summary>Each task in arrival order takes its best option at the present free times: a complete choice to bound against.</summary>
    private static (int[] Options, double Total) Greedy(SlotProblem problem, int[] options, int[] order)
    {
        var freeAt = new double[problem.Options.Servers];
        for (var n = 0; n < freeAt.Length; n++)
        {
            freeAt[n] = problem.InitialFreeAt(n);
        }

        var chosen = new int[problem.Tasks];
        var total = 0.0;
        foreach (var task in order)
        {
            var bestOption = options[0];
            var bestReward = double.NegativeInfinity;
            var bestCompletion = double.PositiveInfinity;
            foreach (var option in options)
            {
                var (server, exit) = problem.Options.Of(option);
                var completion = problem.Completion(task, server, exit, freeAt[server]);
                var reward = problem.TaskReward(task, exit, completion);
                if (reward > bestReward || (reward == bestReward && completion < bestCompletion))
                {
                    (bestOption, bestReward, bestCompletion) = (option, reward, completion);
                }
            }

            chosen[task] = bestOption;
            freeAt[problem.Options.Of(bestOption).Server] = bestCompletion;
            total += bestReward;
        }

        return (chosen, total);
    }

    /// <summary>Changes one task's option at a time while that raises the slot's reward (total, not averaged).</summary>
    private static (int[] Options, double Total) Improved(SlotProblem problem, int[] options, int[] start)
    {
        var chosen = (int[])start.Clone();
        var best = problem.Reward(chosen);
        for (var improved = true; improved;)
        {
            improved = false;
            for (var task = 0; task < chosen.Length; task++)
            {
                var kept = chosen[task];
                foreach (var option in options)
                {
                    if (option == kept)
                    {
                        continue;
                    }

                    chosen[task] = option;
                    var reward = problem.Reward(chosen);
                    if (reward > best + Tolerance)
                    {
                        (best, kept, improved) = (reward, option, true);
                    }
                }

                chosen[task] = kept;
            }
        }

        return (chosen, best * problem.Tasks);
    }

    /// <summary>What the tasks from position <paramref name="from"/> on could earn at most, each alone at the free times given.</summary>
    private static double RemainingBound(SlotProblem problem, int[] options, int[] order, int from, double[] freeAt)
    {
        var bound = 0.0;
        for (var k = from; k < order.Length; k++)
        {
            var task = order[k];
            var best = 0.0;
            foreach (var option in options)
            {
                var (server, exit) = problem.Options.Of(option);
                best = Math.Max(best, problem.TaskReward(task, exit, problem.Completion(task, server, exit, freeAt[server])));
            }

            bound += best;
        }

        return bound;
    }

    /// <summary>The candidates no other dominates (free no later everywhere and worth no less); of equal ones the first.</summary>
    private static State[] Undominated(List<State> candidates)
    {
        candidates.Sort((a, b) => b.Value.CompareTo(a.Value));
        var kept = new List<State>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var dominated = false;
            foreach (var other in kept)
            {
                if (FreeNoLater(other.FreeAt, candidate.FreeAt))
                {
                    dominated = true;
                    break;
                }
            }

            if (!dominated)
            {
                kept.Add(candidate);
            }
        }

        return [.. kept];
    }

    private static bool FreeNoLater(double[] a, double[] b)
    {
        for (var n = 0; n < a.Length; n++)
        {
            if (a[n] > b[n])
            {
                return false;
            }
        }

        return true;
    }

    private sealed record State(double[] FreeAt, double Value, int Parent, int Option);
}
