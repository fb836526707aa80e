// The demo school's EHCP Section E outcomes, each broken into short-term SMART targets the way a SENCo writes
// them: an observable behaviour, a baseline measured at the start, and success criteria that say how often,
// with how much prompting, over how long. Written for a fictional school; any likeness to a real plan is chance.
import type { TargetArea } from '../shared/model';

export interface TargetIdea {
  text: string;
  baseline: string;
  successCriteria: string;
}

export interface OutcomeIdea {
  area: TargetArea;
  /** Primary (R–6), secondary (7–11) or either. */
  phase: 'primary' | 'secondary' | 'any';
  outcome: string;
  targets: readonly TargetIdea[];
}

export const OUTCOMES: readonly OutcomeIdea[] = [
  // ---- Communication and interaction
  {
    area: 'C&I',
    phase: 'primary',
    outcome:
      'By the end of Key Stage 1, {name} will communicate needs, wants and feelings to familiar adults and peers using words, symbols or signs, so that they can take part in class routines.',
    targets: [
      {
        text: 'Request a preferred item or activity using a two-word phrase or symbol exchange.',
        baseline: 'Leads an adult by the hand to the item; no words or symbols used.',
        successCriteria: 'Makes a two-word request without physical prompting in 4 out of 5 opportunities across 3 consecutive weeks.',
      },
      {
        text: 'Follow a visual timetable to move between carpet, table and outdoor areas.',
        baseline: 'Needs hand-over-hand support at every transition.',
        successCriteria: 'Checks the visual timetable and moves with no more than a gestural prompt at 8 of 10 transitions in a day.',
      },
      {
        text: 'Take turns in a structured game with one peer for 3 minutes.',
        baseline: 'Leaves the game after one turn.',
        successCriteria:
          'Stays for 3 minutes and waits for their turn with a visual "my turn / your turn" card, 3 times a week for 3 weeks.',
      },
    ],
  },
  {
    area: 'C&I',
    phase: 'any',
    outcome:
      '{name} will be able to start, maintain and end conversations with peers, so that they can build friendships and work in a group.',
    targets: [
      {
        text: 'Start a conversation with a peer using a prompt card at social time.',
        baseline: 'Plays alone at break; starts no interactions.',
        successCriteria: 'Starts 2 conversations per break with the prompt card, on 4 of 5 days for 2 weeks.',
      },
      {
        text: 'Ask a follow-up question to show interest in what a peer has said.',
        baseline: 'Responds to questions with one word and moves to own topic.',
        successCriteria: 'Asks a relevant follow-up question in 3 of 5 structured group sessions (Lego-based therapy).',
      },
      {
        text: 'Use an agreed phrase to ask for help in a lesson instead of leaving the room.',
        baseline: 'Leaves the classroom about 3 times a week when stuck.',
        successCriteria: 'Uses the help card or phrase, with no more than 1 exit a week, for 4 consecutive weeks.',
      },
    ],
  },
  {
    area: 'C&I',
    phase: 'secondary',
    outcome:
      'By the end of Key Stage 3, {name} will understand and use subject vocabulary and instructions in lessons, so that they can work with less adult support.',
    targets: [
      {
        text: 'Use a personal word bank to explain the meaning of 5 key words from each new topic.',
        baseline: 'Can explain 1 of 5 topic words at the start of a unit.',
        successCriteria: 'Explains 4 of 5 key words in own words at the end of each topic, for 2 consecutive topics.',
      },
      {
        text: 'Repeat back a two-step instruction before starting a task.',
        baseline: 'Starts tasks incorrectly after whole-class instructions most lessons.',
        successCriteria: 'Repeats back both steps correctly in 4 of 5 checked lessons, with a verbal prompt at most.',
      },
    ],
  },
  // ---- Cognition and learning
  {
    area: 'C&L',
    phase: 'primary',
    outcome:
      'By the end of Year {endYear}, {name} will read and spell phonically regular words and common exception words, so that they can read simple texts for meaning.',
    targets: [
      {
        text: 'Read Phase 3 digraphs (ch, sh, th, ng, ai, ee, igh, oa, oo) on flash cards.',
        baseline: 'Reads 3 of 9 digraphs.',
        successCriteria: 'Reads 9 of 9 digraphs in a precision-teaching probe on 3 consecutive sessions.',
      },
      {
        text: 'Blend CVC and CVCC words to read a decodable book aloud.',
        baseline: 'Blends 4 of 10 CVC words with adult modelling.',
        successCriteria: 'Reads 9 of 10 words in a decodable book page independently, in 3 sessions out of 4.',
      },
      {
        text: 'Spell 10 common exception words from the Year 1 list.',
        baseline: 'Spells 2 of the 10 words correctly.',
        successCriteria: 'Spells 8 of 10 correctly in a dictated sentence, at two checks a fortnight apart.',
      },
    ],
  },
  {
    area: 'C&L',
    phase: 'primary',
    outcome:
      '{name} will develop number sense and recall of number facts, so that they can take part in class maths with concrete resources.',
    targets: [
      {
        text: 'Recall number bonds to 10 using Numicon or a ten frame.',
        baseline: 'Recalls bonds to 5 only, counting on fingers.',
        successCriteria: 'Recalls 10 of 10 bonds to 10 within 3 seconds each, in 3 consecutive sessions.',
      },
      {
        text: 'Count forwards and backwards in 2s, 5s and 10s from 0.',
        baseline: 'Counts in 10s to 50; not yet in 2s or 5s.',
        successCriteria: 'Counts in 2s to 20, 5s to 50 and 10s to 100 without support, in 2 checks a week apart.',
      },
    ],
  },
  {
    area: 'C&L',
    phase: 'secondary',
    outcome:
      'By the end of Year {endYear}, {name} will read age-appropriate texts with the fluency and understanding needed to access the curriculum and examinations.',
    targets: [
      {
        text: 'Read a 150-word passage aloud at 90 words per minute with 95% accuracy.',
        baseline: '62 words per minute, 88% accuracy (September).',
        successCriteria: '90 wpm and 95% accuracy on 3 unseen passages in a row.',
      },
      {
        text: 'Use a reading pen or text-to-speech to read exam-style questions independently.',
        baseline: 'Asks an adult to read every question aloud.',
        successCriteria: 'Uses the reading pen without prompting for a whole 45-minute mock paper.',
      },
      {
        text: 'Plan an extended answer with a writing frame before writing.',
        baseline: 'Writes 2–3 unplanned sentences for a 6-mark question.',
        successCriteria: 'Completes a plan and a paragraph of 6 or more sentences for 4 of 5 extended questions.',
      },
    ],
  },
  // ---- Social, emotional and mental health
  {
    area: 'SEMH',
    phase: 'primary',
    outcome:
      '{name} will recognise and name their feelings and use a calming strategy, so that they can stay in class and learn alongside peers.',
    targets: [
      {
        text: 'Use the Zones of Regulation check-in to name how they feel at the start of each session.',
        baseline: 'Names "happy" or "cross" only, when asked by an adult.',
        successCriteria: 'Chooses a zone and a feeling word independently at 4 of 5 daily check-ins for 3 weeks.',
      },
      {
        text: 'Ask for a movement break using the break card when feeling dysregulated.',
        baseline: 'Leaves the classroom without warning 2–3 times a day.',
        successCriteria: 'Uses the break card before leaving on 8 of 10 occasions, over 2 weeks.',
      },
      {
        text: 'Return to the task within 5 minutes of a calm-down break.',
        baseline: 'Takes 15–20 minutes to return, with adult negotiation.',
        successCriteria: 'Returns within 5 minutes with a visual timer on 4 of 5 breaks in a week.',
      },
    ],
  },
  {
    area: 'SEMH',
    phase: 'secondary',
    outcome:
      'By the end of Year {endYear}, {name} will manage anxiety about school using agreed strategies, so that they can attend, arrive on time and stay in lessons.',
    targets: [
      {
        text: 'Check in with a key adult at the pastoral hub at 08:40 and agree a plan for the day.',
        baseline: 'Attendance 81% in the summer term; arrives after registration 3 days a week.',
        successCriteria: 'Checks in by 08:45 on 9 of 10 school days, for 4 consecutive weeks.',
      },
      {
        text: 'Use a time-out card and the agreed quiet space rather than leaving the site.',
        baseline: 'Left the site twice last half term.',
        successCriteria: 'Uses the card and stays on site on every occasion over a half term.',
      },
      {
        text: 'Rate their anxiety on a 1–5 scale and choose a strategy from their plan.',
        baseline: 'Says "don\'t know" when asked how they feel.',
        successCriteria: 'Rates and chooses a strategy with a verbal prompt at most, in 4 of 5 check-ins.',
      },
    ],
  },
  // ---- Sensory and/or physical
  {
    area: 'S&P',
    phase: 'primary',
    outcome:
      '{name} will develop fine motor control and self-care skills, so that they can write legibly and manage personal care with growing independence.',
    targets: [
      {
        text: 'Form lower-case letters from the correct starting point on lined paper.',
        baseline: 'Forms 8 of 26 letters correctly; grip needs a pencil grip.',
        successCriteria: 'Forms 20 of 26 correctly in a dictation, on 2 occasions a week apart.',
      },
      {
        text: 'Manage coat and shoes independently at home time.',
        baseline: 'Needs an adult to do zips and Velcro every day.',
        successCriteria: 'Puts on coat and shoes with a verbal prompt at most, on 4 of 5 days for 2 weeks.',
      },
      {
        text: 'Use the toilet routine visual and wash hands with one verbal prompt.',
        baseline: 'Needs physical support at each step of the routine.',
        successCriteria: 'Completes the routine with one verbal prompt at 8 of 10 visits.',
      },
    ],
  },
  {
    area: 'S&P',
    phase: 'any',
    outcome:
      '{name} will use their specialist equipment and adjustments confidently, so that they can access lessons and move around school safely.',
    targets: [
      {
        text: 'Set up their radio aid or magnifier at the start of each lesson without being reminded.',
        baseline: 'Reminded to set up equipment in every lesson.',
        successCriteria: 'Sets up equipment unprompted in 9 of 10 observed lessons.',
      },
      {
        text: 'Tell a new adult what adjustments they need (seating, enlarged print, captions).',
        baseline: 'Does not tell supply or new staff about adjustments.',
        successCriteria: 'Explains 2 adjustments to an unfamiliar adult in 3 role-plays and 1 real lesson.',
      },
    ],
  },
  // ---- Preparing for Adulthood (Year 9 onwards)
  {
    area: 'Employment',
    phase: 'secondary',
    outcome:
      'By the end of Year 11, {name} will have the skills and information to choose a post-16 course and take part in work experience.',
    targets: [
      {
        text: 'Research two post-16 courses and say what each involves and its entry requirements.',
        baseline: 'Has not looked at any post-16 options.',
        successCriteria: 'Presents two courses to the careers adviser with entry requirements, by the end of term.',
      },
      {
        text: 'Complete a practice application form with a support worker.',
        baseline: 'Has never filled in a form.',
        successCriteria: 'Completes every section of a college application form with verbal prompts only.',
      },
    ],
  },
  {
    area: 'Independent living',
    phase: 'secondary',
    outcome:
      'By the end of Key Stage 4, {name} will travel to and from school and manage money for everyday purchases with increasing independence.',
    targets: [
      {
        text: 'Plan a bus journey using a timetable app.',
        baseline: 'Has only travelled with a parent.',
        successCriteria: 'Plans and completes a familiar bus route with an adult shadowing, 3 times.',
      },
      {
        text: 'Pay for lunch and check the change.',
        baseline: 'Hands over a note and does not check change.',
        successCriteria: 'Checks change correctly on 4 of 5 days for 2 weeks.',
      },
    ],
  },
  {
    area: 'Community',
    phase: 'secondary',
    outcome: '{name} will take part in a club or activity outside lessons, so that they build friendships and interests beyond school.',
    targets: [
      {
        text: 'Attend a lunchtime club every week with a peer buddy.',
        baseline: 'Spends lunchtimes alone in the library.',
        successCriteria: 'Attends the club weekly for a half term, staying for the whole session.',
      },
      {
        text: 'Find out about one local youth club or activity and plan how to get there.',
        baseline: 'Does no activities outside school apart from family visits.',
        successCriteria: 'Names the activity, day, time and route, and visits once with a parent or carer, by the end of term.',
      },
    ],
  },
  {
    area: 'Health',
    phase: 'secondary',
    outcome: '{name} will understand and manage their own health needs, so that they can stay well and safe in school and beyond.',
    targets: [
      {
        text: 'Explain their care plan to a new member of staff, including what to do in an emergency.',
        baseline: 'Relies on adults to explain the plan.',
        successCriteria: 'Explains all steps of the plan in 2 role-plays and to 1 new adult.',
      },
      {
        text: 'Book and attend a medical or dental appointment with support.',
        baseline: 'Parent books and attends every appointment on their behalf.',
        successCriteria: 'Makes the phone call or online booking with an adult nearby, and attends, once this term.',
      },
    ],
  },
];

/** Short notes LSAs write, by rating: kept plain and factual, never a safeguarding record. */
export const NOTES: Record<'low' | 'mid' | 'high', readonly string[]> = {
  low: [
    'Found it hard today; needed modelling for every step.',
    'Tired after PE, managed part of the session.',
    'Unsettled after a change of room; we stopped early.',
    'Needed the visual again after two minutes.',
  ],
  mid: [
    'Good focus for 10 minutes, then needed a reminder.',
    'Managed with one verbal prompt.',
    'Used the prompt card without being asked once.',
    'Better than last week; still checks with me before starting.',
  ],
  high: [
    'Did it on their own, first time.',
    'Showed a peer how to do it.',
    '+2 house points for helping a friend.',
    'Independent across the whole session: ready to move on?',
  ],
};
