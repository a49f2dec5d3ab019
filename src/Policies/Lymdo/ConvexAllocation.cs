namespace MecActors.Policies.Lymdo;

/// <summary>
/// The exact minimiser of a <see cref="SlotProblem"/> given the partition points. The objective separates into three
/// convex problems. The frequency: V n(n+1)/2 C / f + Q n kappa C f^2 has its minimum at
/// f = (V n(n+1)/2 / (2 Q n kappa))^(1/3), clipped to [f_min, f_max] (f_max when Q or kappa is 0). The ES: the sum of
/// V n^2 G / (phi F) under sum phi = 1 gives, by its KKT conditions, phi_u proportional to sqrt(n_u^2 G_u). The band: the
/// sum of w_u / r_u(b_u), w_u = (V n(n+1)/2 + Q n P) S_u, has no closed form since the noise scales with the share; its KKT
/// conditions w_u r_u'(b_u) / r_u(b_u)^2 = lambda with sum b_u = 1 are solved by a safeguarded Newton search on lambda,
/// each b_u(lambda) by one too (both sides are monotone, so a bracket always holds the root).
/// </summary>
public static class ConvexAllocation
{
    private const int Iterations = 200;
    private const double SmallestShare = 1e-15;

    public static SlotAllocation Solve(SlotProblem problem, IReadOnlyList<UeLoad> ues)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(ues);
        var hz = new double[ues.Count];
        var edgeWeights = new double[ues.Count];
        var bandWeights = new double[ues.Count];
        for (var u = 0; u < ues.Count; u++)
        {
            var ue = ues[u];
            hz[u] = ue.Frames > 0 && ue.DeviceCycles > 0 ? Frequency(problem, ue) : 0.0;
            edgeWeights[u] = ue.Frames > 0 && ue.EdgeCycles > 0 ? Math.Sqrt((double)ue.Frames * ue.Frames * ue.EdgeCycles) : 0.0;
            bandWeights[u] = ue.Frames > 0 && ue.UplinkBits > 0 ? ((problem.V * ue.Serial) + (ue.Queue * ue.Frames * problem.TxPowerW)) * ue.UplinkBits : 0.0;
        }

        return new SlotAllocation(hz, Band(problem, ues, bandWeights), Proportional(edgeWeights, ues, u => ues[u].EdgeCycles > 0));
    }

    /// <summary>The frequency's closed form for one UE with frames on its processor.</summary>
    public static double Frequency(SlotProblem problem, in UeLoad ue)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var price = ue.Queue * ue.Frames * problem.Kappa;
        if (!(price > 0))
        {
            return problem.MaxHz;
        }

        var best = Math.Cbrt(problem.V * ue.Serial / (2.0 * price));
        return Math.Clamp(best, problem.MinHz, problem.MaxHz);
    }

    /// <summary>Shares proportional to the weights among the users; equal among them when every weight is 0.</summary>
    private static double[] Proportional(double[] weights, IReadOnlyList<UeLoad> ues, Func<int, bool> uses)
    {
        var shares = new double[weights.Length];
        var total = weights.Sum();
        var users = Enumerable.Range(0, weights.Length).Count(u => ues[u].Frames > 0 && uses(u));
        for (var u = 0; u < weights.Length; u++)
        {
            if (ues[u].Frames > 0 && uses(u))
            {
                shares[u] = total > 0 ? weights[u] / total : 1.0 / users;
            }
        }

        return shares;
    }

    private static double[] Band(SlotProblem problem, IReadOnlyList<UeLoad> ues, double[] weights)
    {
        var users = Enumerable.Range(0, ues.Count).Where(u => weights[u] > 0).ToArray();
        if (users.Length == 0)
        {
            return Proportional(weights, ues, u => ues[u].UplinkBits > 0);
        }

        var shares = new double[ues.Count];
        if (users.Length == 1)
        {
            shares[users[0]] = 1.0;
            return shares;
        }

        // sum_u b_u(lambda) falls as lambda grows: bracket ln lambda by the marginals at the equal split, then a
        // safeguarded Newton step on the sum (its slope is sum_u b_u / (d ln M_u / d ln b_u)).
        var equal = 1.0 / users.Length;
        var low = double.MaxValue;
        var high = double.MinValue;
        foreach (var u in users)
        {
            var marginal = Math.Log(Marginal(problem, ues[u], weights[u], equal));
            low = Math.Min(low, marginal);
            high = Math.Max(high, marginal);
        }

        var z = 0.5 * (low + high);
        for (var i = 0; i < Iterations && high - low > 1e-15; i++)
        {
            var sum = 0.0;
            var slope = 0.0;
            foreach (var u in users)
            {
                var (share, elasticity) = ShareAt(problem, ues[u], weights[u], z);
                sum += share;
                slope += share < 1.0 ? share / elasticity : 0.0;
            }

            if (Math.Abs(sum - 1.0) < 1e-15)
            {
                break;
            }

            if (sum > 1.0)
            {
                low = z;
            }
            else
            {
                high = z;
            }

            var next = z - ((sum - 1.0) / slope);
            z = next > low && next < high && double.IsFinite(next) ? next : 0.5 * (low + high);
        }

        var total = 0.0;
        foreach (var u in users)
        {
            shares[u] = ShareAt(problem, ues[u], weights[u], z).Share;
            total += shares[u];
        }

        // The search leaves the sum within rounding of 1; scaling it to 1 exactly keeps the constraint tight.
        foreach (var u in users)
        {
            shares[u] /= total;
        }

        return shares;
    }

    /// <summary>-d(w / r(b)) / db = w r'(b) / r(b)^2: what one more unit of share saves, falling in b.</summary>
    public static double Marginal(SlotProblem problem, in UeLoad ue, double weight, double share)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var snr = ue.BandSnr;
        var rate = problem.RateBps(share, snr);
        var slope = problem.BandHz * (Math.Log2(1.0 + (snr / share)) - (snr / ((share + snr) * Math.Log(2.0))));
        return weight * slope / (rate * rate);
    }

    /// <summary>
    /// The share at which the marginal saving equals e^<paramref name="logLambda"/> (1 when even the whole band saves
    /// more), by a safeguarded Newton step on ln M(b) in ln b, and d ln M / d ln b there (b (r''/r' - 2 r'/r), negative).
    /// </summary>
    private static (double Share, double Elasticity) ShareAt(SlotProblem problem, in UeLoad ue, double weight, double logLambda)
    {
        if (Math.Log(Marginal(problem, ue, weight, 1.0)) >= logLambda)
        {
            return (1.0, Elasticity(ue.BandSnr, 1.0));
        }

        var low = Math.Log(SmallestShare);
        var high = 0.0;
        var y = -1.0;
        for (var i = 0; i < Iterations && high - low > 1e-15; i++)
        {
            var share = Math.Exp(y);
            var gap = Math.Log(Marginal(problem, ue, weight, share)) - logLambda;
            var step = -gap / Elasticity(ue.BandSnr, share);
            if (Math.Abs(step) < 1e-14)
            {
                break;
            }

            if (gap > 0)
            {
                low = y;
            }
            else
            {
                high = y;
            }

            var next = y + step;
            y = next > low && next < high && double.IsFinite(next) ? next : 0.5 * (low + high);
        }

        var b = Math.Exp(y);
        return (b, Elasticity(ue.BandSnr, b));
    }

    /// <summary>d ln M / d ln b = b (r''/r' - 2 r'/r) for r(b) = c b ln(1 + a / b) (the constant c cancels).</summary>
    private static double Elasticity(double snr, double share)
    {
        var log = Math.Log(1.0 + (snr / share));
        var rate = share * log;
        var first = log - (snr / (share + snr));
        var second = -snr * snr / (share * (share + snr) * (share + snr));
        return share * ((second / first) - (2.0 * first / rate));
    }
}
