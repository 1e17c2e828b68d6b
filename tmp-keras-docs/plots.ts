import { readPlotConfigs, simulationOf } from "../scripts/plot-configs.js";
import { simulate } from "../src/simulate.js";
const configs = readPlotConfigs();
for (const type of ["ExponentialDecay","PiecewiseConstantDecay","PolynomialDecay","InverseTimeDecay","CosineDecay","CosineDecayRestarts","keras.ReduceLROnPlateau"]) {
  const { config, options } = simulationOf(type, configs[type]!);
  const sim = simulate(config, options);
  const lr = sim.groups[0]!.lr;
  console.log(type, lr.length, lr.every(Number.isFinite), Array.from(lr.filter((_, i) => i % 10 === 0)).map((v) => +v.toFixed(4)).join(" "));
}
