// SPDX-License-Identifier: MIT
// What each level of each scheme means and what its authors advise, in plain words, with the source named. These
// are texts, not figures: the level itself always comes from the server. Summaries of the published guidance
// (see docs/methodology.md, "What the levels mean"); a scheme or level without guidance here shows none.
import type { Text } from './api';

export interface Guidance {
  meaning: Text; // one line: how much the virus is spreading
  action: Text; // what the scheme's authors advise at this level
}

export interface SchemeGuidance {
  source: Text;
  levels: Record<string, Guidance>;
}

const SEMAFORO: SchemeGuidance = {
  source: {
    es: 'Secretaría de Salud, semáforo de riesgo epidémico: actividades permitidas por color (presentación del 13 de mayo de 2020).',
    en: 'Secretaría de Salud, epidemic risk traffic light: activities allowed per colour (presentation of 13 May 2020).',
  },
  levels: {
    rojo: {
      meaning: { es: 'Riesgo máximo de contagio.', en: 'Maximum risk of infection.' },
      action: {
        es: 'Solo actividades esenciales. Espacios públicos cerrados; se puede caminar cerca de casa de día. Personas vulnerables: máximo cuidado, quedarse en casa. Escuelas cerradas.',
        en: 'Essential activities only. Public spaces closed; walking near home by day. Vulnerable people: maximum care, stay home. Schools closed.',
      },
    },
    naranja: {
      meaning: { es: 'Riesgo alto de contagio.', en: 'High risk of infection.' },
      action: {
        es: 'Actividades esenciales, y las no esenciales con 30 % del personal. Espacios públicos abiertos con aforo reducido. Personas vulnerables: máximo cuidado. Escuelas cerradas.',
        en: 'Essential activities, and non-essential ones with 30% of staff. Open public spaces at reduced capacity. Vulnerable people: maximum care. Schools closed.',
      },
    },
    amarillo: {
      meaning: { es: 'Riesgo medio de contagio.', en: 'Medium risk of infection.' },
      action: {
        es: 'Todas las actividades laborales. Espacios abiertos sin restricción; espacios cerrados con aforo reducido. Personas vulnerables: cuidado. Escuelas cerradas.',
        en: 'All work activities. Open spaces as usual; closed spaces at reduced capacity. Vulnerable people: care. Schools closed.',
      },
    },
    verde: {
      meaning: { es: 'Riesgo bajo de contagio.', en: 'Low risk of infection.' },
      action: {
        es: 'Todas las actividades, incluidas las escuelas.',
        en: 'All activities, schools included.',
      },
    },
  },
};

const HARVARD: SchemeGuidance = {
  source: {
    es: 'Harvard Global Health Institute, «Key Metrics for COVID Suppression» (julio de 2020): casos nuevos diarios por 100 mil habitantes y acciones recomendadas por color.',
    en: 'Harvard Global Health Institute, “Key Metrics for COVID Suppression” (July 2020): daily new cases per 100k and recommended actions per colour.',
  },
  levels: {
    verde: {
      meaning: { es: 'Menos de 1 caso diario por 100 mil: en vías de contención.', en: 'Under 1 daily case per 100k: on track for containment.' },
      action: { es: 'Vigilar con pruebas y rastreo de contactos.', en: 'Monitor with testing and contact tracing.' },
    },
    amarillo: {
      meaning: { es: 'De 1 a 9 casos diarios por 100 mil: transmisión comunitaria.', en: '1 to 9 daily cases per 100k: community spread.' },
      action: { es: 'Se aconsejan programas rigurosos de pruebas y rastreo.', en: 'Rigorous test and trace programmes advised.' },
    },
    naranja: {
      meaning: { es: 'De 10 a 24 casos diarios por 100 mil: transmisión acelerada.', en: '10 to 24 daily cases per 100k: accelerated spread.' },
      action: {
        es: 'Se aconsejan órdenes de quedarse en casa o programas rigurosos de pruebas y rastreo.',
        en: 'Stay-at-home orders and/or rigorous test and trace programmes advised.',
      },
    },
    rojo: {
      meaning: { es: '25 o más casos diarios por 100 mil: punto de inflexión.', en: '25 or more daily cases per 100k: tipping point.' },
      action: { es: 'Son necesarias las órdenes de quedarse en casa.', en: 'Stay-at-home orders necessary.' },
    },
  },
};

const COVID_ACT_NOW: SchemeGuidance = {
  source: {
    es: 'Covid Act Now (covidactnow.org), niveles de riesgo comunitario desarrollados con el Harvard Global Health Institute.',
    en: 'Covid Act Now (covidactnow.org), community risk levels developed with the Harvard Global Health Institute.',
  },
  levels: {
    low: {
      meaning: { es: 'El virus está contenido.', en: 'COVID is being contained.' },
      action: { es: 'Mantener las pruebas, el rastreo y las precauciones básicas.', en: 'Keep up testing, tracing and basic precautions.' },
    },
    medium: {
      meaning: { es: 'Crecimiento lento de los contagios.', en: 'Slow disease growth.' },
      action: { es: 'Cubrebocas, distancia y pruebas; evitar aglomeraciones.', en: 'Masks, distancing and testing; avoid crowds.' },
    },
    high: {
      meaning: { es: 'Riesgo de brote.', en: 'At risk of outbreak.' },
      action: { es: 'Reducir contactos y actividades en interiores; pruebas y rastreo intensivos.', en: 'Cut contacts and indoor activities; intensive testing and tracing.' },
    },
    critical: {
      meaning: { es: 'Brote activo o inminente.', en: 'Active or imminent outbreak.' },
      action: { es: 'Quedarse en casa salvo lo esencial.', en: 'Stay home except for essentials.' },
    },
    extreme: {
      meaning: { es: 'Brote grave.', en: 'Severe outbreak.' },
      action: { es: 'Quedarse en casa; se justifican las medidas más estrictas.', en: 'Stay home; the strictest measures are warranted.' },
    },
  },
};

const WHO: SchemeGuidance = {
  source: {
    es: 'OMS, «Consideraciones para aplicar y ajustar medidas sociales y de salud pública» (noviembre de 2020): niveles de transmisión comunitaria CT1 a CT4.',
    en: 'WHO, “Considerations for implementing and adjusting public health and social measures” (November 2020): community transmission levels CT1 to CT4.',
  },
  levels: {
    ct1: {
      meaning: { es: 'Incidencia baja de casos adquiridos en la comunidad.', en: 'Low incidence of locally acquired cases.' },
      action: { es: 'Medidas básicas de prevención; vigilancia y rastreo.', en: 'Basic prevention measures; surveillance and tracing.' },
    },
    ct2: {
      meaning: { es: 'Incidencia moderada; riesgo moderado para la población.', en: 'Moderate incidence; moderate risk to the population.' },
      action: { es: 'Limitar reuniones y aforos; reforzar la protección de personas vulnerables.', en: 'Limit gatherings and capacity; protect vulnerable people more.' },
    },
    ct3: {
      meaning: { es: 'Incidencia alta; riesgo alto.', en: 'High incidence; high risk.' },
      action: { es: 'Reducir contactos fuera del hogar; limitar actividades no esenciales.', en: 'Reduce contacts outside the household; limit non-essential activities.' },
    },
    ct4: {
      meaning: { es: 'Incidencia muy alta; riesgo muy alto.', en: 'Very high incidence; very high risk.' },
      action: { es: 'Quedarse en casa salvo lo esencial; las medidas más amplias.', en: 'Stay home except for essentials; the broadest measures.' },
    },
  },
};

const BY_SCHEME: Record<string, SchemeGuidance> = {
  'semaforo-v1': SEMAFORO,
  'semaforo-v2': SEMAFORO,
  harvard: HARVARD,
  'covid-act-now': COVID_ACT_NOW,
  'who-transmission': WHO,
};

export function schemeGuidance(scheme: string): SchemeGuidance | undefined {
  return BY_SCHEME[scheme];
}

export function levelGuidance(scheme: string, level: string): Guidance | undefined {
  return BY_SCHEME[scheme]?.levels[level];
}
