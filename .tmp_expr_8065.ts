import { compileUserActivation } from './src/core/expression/compile';
const cases = ['tanh(' .repeat(30) + 'x' + ')'.repeat(30), '(x^2+1)^20 * (x^3-2)^15 / (x^4+3)^10', 'sin(x)*cos(x)*tan(x/9)*sinh(x/9)*cosh(x/9)*tanh(x)*exp(x/9)*log(2+x^2)*sqrt(1+x^2)*atan(x)*asinh(x)', Array.from({length: 40}, (_, i) => `${i}*x^${i}`).join('+'), 'abs(x)^abs(x)^abs(x)^abs(x)^abs(x)^abs(x)^abs(x)^abs(x)'];
for (const c of cases) { const t = performance.now(); const r = compileUserActivation(c); console.log((performance.now() - t).toFixed(0), 'ms', r.ok ? r.def.symbolicDf : r.error.message, c.slice(0, 50)); }
