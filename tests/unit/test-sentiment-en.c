/*
 * test-sentiment-en.c - English-specific sentiment rules (issue #5), each with a case where
 * it fires and one where it must not: text emoticons that start with a letter (T_T, o_O),
 * an English note with no word of evaluation staying at 0 (a shared link, an exclamation),
 * the everyday vocabulary of lexicons/sentiment/46-en-everyday.tsv, and review rules written
 * as lexicon roles there (less/few/avoid/fixes as negators, wishes, comparison idioms), and
 * deadpan words ("Forgot my phone. Great.") that take the sign of the rest of the note, and the
 * third pass of 49-en-senses.tsv (senses that are not a verdict, affection said as an insult,
 * review advice and cues, misspellings), each entry class with a case where it must not fire. The general rules
 * (Chinese and English) are tested in test-sentiment.c.
 * Run from the repository root (make test does).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "normalize.h"
#include "segdict.h"
#include "sentiment.h"
#include "fixture.h"
#include "tap.h"
#include "token.h"
#include "util.h"

#include "sentiment-fixture.h"

static void test_letter_emoticons(void)
{
	NEG("exam tomorrow T_T", "T_T read whole");
	NEG("what o_O", "o_O read whole");
	NEG("what O_o", "O_o read whole (case folded)");
	ZERO("file_name_here", "a word with underscores is not an emoticon");
	ZERO("T_Test", "T_ running on into a word is not an emoticon");
	score("pros: a) light b) cheap");
	ok(!evidence_has("emoticon"), "list markers a) b) are not emoticons");
	score("x_x");
	ok(evidence_has("emoticon"), "x_x counts as written (emoticon rule)");
	score("not T_T");
	ok(res.score < 0, "an emoticon is not negated: 'not T_T' < 0 (%g)", res.score);
}

/* No prior: a note in which no word, emoticon or rating speaks scores exactly 0, whatever its
 * links, exclamation marks or @names (they say nothing about the writer's attitude). */
static void test_no_word_no_score(void)
{
	ZERO("The farmers market opens at nine!", "an exclamation alone carries no sentiment");
	ZERO("Reading this http://example.com/a", "a shared link alone carries no sentiment");
	ZERO("@anna the store opens at nine", "a message to someone carries no sentiment");
	NEG("This is awful! http://example.com/a", "a word of evaluation still speaks");
}

static void test_everyday(void)
{
	POS("Pizza and a movie tonight", "everyday pleasures are mildly positive");
	NEG("Stuck in rush hour again", "everyday troubles are mildly negative");
	POS("no more headaches", "a negated trouble is relief");
	NEG("no coffee this morning", "a negated pleasure is a complaint");
	NEG("i called tech support twice", "review: calling support is a problem");
	POS("it has all the features i need", "review: capacity is praise");
	POS("amzing view", "misspelled evaluation word");
	NEG("so dissapointed, disipointed even", "misspelled evaluation words");
}

static void test_review_rules(void)
{
	POS("it is less expensive than the ipod", "less negates the next word");
	NEG("it is less reliable than the old one", "less negates a positive word too");
	ZERO("more or less what I expected", "more or less is no negator");
	POS("it helps avoid glare", "avoid flips the problem it avoids");
	NEG("avoid this player", "avoid alone is still a complaint");
	POS("the update fixes the freezing", "fixes flips the problem it fixes");
	POS("it is solved with the comfortable ear-piece", "solved with: no flip of what follows");
	POS("very few problems", "few negates the next word");
	NEG("a few problems", "a few is no negator");
	NEG("i would have liked a brighter screen", "would have liked: a wish for what is missing");
	POS("i liked the bright screen", "liked alone is praise");
	POS("the pictures couldn't be better", "couldn't be better is praise");
	NEG("the pictures couldn't be sharper, they are blurry", "a plain negated word is still flipped");
	NEG("apple could do better", "could do better is a complaint");
	NEG("anything is better than this", "better than this is a complaint");
	POS("nothing is better than this", "negated: praise");
	POS("excellent product with a few minor problems", "minor softens the problem");
	POS("I have zero issues with it", "zero is a negator");
	POS("very little difficulty", "very little negates the next word");
	NEG("it has very little memory", "very little alone is a complaint");
	NEG("it should be more durable", "should be more: a wish for what is missing");
	POS("it is durable", "without the wish the word counts");
	NEG("this may not be the one for you", "the one for you, negated");
	POS("i don't think you can go wrong with it", "can go wrong, negated, is praise");
	NEG("stop talking about that damn movie", "damn before a mild word is a complaint");
	POS("a damn good movie", "damn before an evaluative word is a degree word");
	NEG("a few problems", "without minor the problem counts fully");
}

static void test_deadpan(void)
{
	NEG("Forgot my phone at home. Great.", "a deadpan word next to bad news is sarcasm");
	NEG("Yay. A wasp sting on the nose.", "deadpan first, bad news after");
	POS("Great. The package came early.", "deadpan next to good news stays praise");
	POS("Great.", "a deadpan word alone keeps its sign");
	score("Forgot my phone at home. Great!");
	ok(!strstr(out.buf, "context:"), "with '!' it is not deadpan: no context flip");
	score("The phone is great. Battery is weak.");
	ok(!strstr(out.buf, "context:"), "a word inside a sentence is not deadpan");
}

static void test_stutter(void)
{
	POS("I'm just h-h-happy for him", "a stuttered word is looked up without the stutter");
	NEG("it was s-sad", "a stuttered negative word");
	ZERO("I bought a t-shirt", "a hyphenated word is no stutter");
}

/* Negation is asymmetric in English: a negated negative word is at most mildly positive. */
static void test_negated_negative(void)
{
	double flip, plain;
	flip = score("not awful");
	ok(flip > 0, "a negated negative word is still mildly positive: 'not awful' > 0 (%g)",
	   flip);
	score("not awful");
	ok(evidence_has("negation:not x-0.4"), "a negated English negative word: half the flip");
	plain = score("not nice");
	ok(evidence_has("negation:not x-0.8") && plain < 0, "a negated positive word: full flip");
	NEG("I haven't processed her death yet. I'm dreading the moment.",
	    "a negated strong negative noun does not outweigh the rest");
	NEG("not good", "a negated positive word is plainly negative");
	POS("never had a single problem, not once", "a negated problem is still praise");
}

/* A text emoticon the tokenizer keeps as one word (d:, xD) counts as written. */
static void test_symbol_word_emoticon(void)
{
	NEG("trying not to hurl d:", "an emoticon word is not negated");
	score("trying not to hurl d:");
	ok(evidence_has("emoticon"), "d: is read as an emoticon");
	score("not awful");
	ok(!evidence_has("emoticon"), "a plain word is no emoticon");
}

/* An apostrophe that starts a word ('em) is part of the phrase; a quote is not. */
static void test_elision(void)
{
	POS("Give 'em hell tonight", "give 'em hell is encouragement, not hell");
	NEG("what the 'hell' was that", "a quoted word is still the word");
}

/* 47-en-social.tsv: sign-offs, idioms, wishes to be there, quantity senses. */
static void test_social(void)
{
	POS("see you soon xx", "xx is a kiss");
	score("XX\xe5\x85\xac\xe5\x8f\xb8");
	ok(!evidence_has("interjection"), "XX glued to Han (XX company) is a placeholder");
	NEG("missed the bus again, that bites", "that bites is a complaint");
	NEG("lesson learned the hard way", "the hard way is a mishap");
	POS("wish I was there with you guys", "wishing to be there is liking it");
	NEG("i wish it had a longer cable", "a wish about a product is still a complaint");
	score("there is a great chance of snow");
	ok(res.score == 0, "great chance: likelihood, no praise (%g)", res.score);
	POS("a great camera", "great alone is praise");
	POS("batteries last longer too", "review cue: a longer life is praise");
	NEG("aww I miss her so much", "aww next to sadness is sympathy");
	POS("aww thank you", "aww next to thanks is warmth");
	NEG("thanks a lot, now my phone is broken", "thanks a lot next to a mishap is sarcasm");
	POS("thanks a lot for the help", "thanks a lot alone is thanks");
	NEG("gotta love being stuck in traffic", "gotta love next to a trouble is irony");
	NEG("i really wanted to like this player", "an unfulfilled expectation is a complaint");
	POS("i really like this player", "without the expectation, praise");
	NEG("a knob would also have been easier to use", "counterfactual praise is a wish");
	POS("the knob is easier to use", "plain comparison is praise");
	NEG("dogs should not be allowed to get cancer", "should not be allowed is indignation");
	POS("dogs should not be sad", "a plain should not still negates");
	ZERO("batteries last about four hours", "without the comparison no cue");
}

/* could/can + negation + comparative is a superlative; other negations still deny. */
static void test_modal_comparative(void)
{
	POS("the software couldn't be easier to use", "couldn't be easier is praise");
	POS("he could not have thrown that ball any better", "could not ... any better is praise");
	NEG("it could not be worse", "could not be worse keeps its sign");
	NEG("it's not any better after the update", "not any better (no could/can) is a denial");
	NEG("I don't feel any better", "don't + comparative is still negated");
}

/* A negator reaches every word joined by or/nor to the word it negated. */
static void test_or_coordination(void)
{
	POS("no crashes or problems", "no X or Y negates both");
	score("no crashes or problems");
	ok(evidence_has("negation:or"), "the second word is negated through or");
	NEG("no crashes and problems everywhere", "and does not carry the negation");
	NEG("it is not fast or reliable", "not X or Y: both praise words denied");
}

static void test_seriously(void)
{
	NEG("Seriously, what happened?", "seriously alone is exasperation");
	POS("this pizza is seriously good", "seriously before an evaluation word is a degree word");
	score("this pizza is seriously good");
	ok(evidence_has("degree:seriously"), "seriously scales good");
}

static void test_yet_to(void)
{
	POS("i've yet to be disappointed", "yet to negates what follows");
	ZERO("I have yet to try it", "yet to alone is no complaint");
	POS("i cannot say enough good things about it", "cannot say enough is praise");
	NEG("i cannot say it is good", "a plain cannot still negates");
}

/* ^word entries count only at the start of a sentence (after @names too): orders. */
static void test_sentence_start(void)
{
	NEG("@anna STOP SMOKING!!!", "an order to stop at the start of a sentence");
	NEG("Nice try. Stop lying", "after a full stop too");
	ZERO("the bus stop is near the park", "stop inside a sentence says nothing");
	ZERO("Stop by our shop today", "stop by is a visit, not an order to cease");
}

/* Third pass (49-en-senses.tsv): senses that are not the writer's verdict, affection said as
 * an insult, idioms whose words point the other way, review cues, a turn after a span of time. */
static void test_senses(void)
{
	NEG("i feel funny today", "feel funny: unwell");
	POS("that movie was funny", "funny alone is praise");
	NEG("getting a little stir crazy", "stir crazy: confined, restless");
	NEG("this is crazy", "crazy alone follows its own weight");
	POS("@anna silly cat!!!", "silly cat: affection");
	NEG("that was silly", "silly alone is a mild complaint");
	ZERO("going to lie around and read", "lie around: recline, no untruth");
	NEG("he told me a lie", "a lie is still a lie");
	NEG("more trouble than it's worth", "trouble than it's worth: worth does not count");
	POS("it is worth every penny", "worth alone is praise");
	POS("it could have been worse", "could have been worse: relief");
	NEG("it got worse", "worse alone");
	NEG("it plays fine when it works", "when it works: praise limited to the good days");
	MORE("it is pretty good", "it is pretty good when it works", "when it works lowers praise");
	POS("it is pretty good and it works", "works alone is praise");
	NEG("it tends to run quite hot", "a device that runs hot");
	NEG("make sure to carry extra batteries", "accessories the buyer will have to add");
	POS("worked great for 3 weeks and i love it", "no turn: praise stays");
	NEG("worked great for 3 weeks then the screen failed", "weeks then: a turn in time");
	ZERO("the signal strength is shown on the left", "signal strength: an attribute");
	NEG("12 hour day at the office", "a long working day");
}

/* Review advice (49-en-senses.tsv): replace a part, what the maker could at least have added. */
static void test_review_advice(void)
{
	NEG("get better headphones.", "advice to replace a part");
	POS("hope you get better soon!", "get better alone is a wish to recover");
	NEG("they could at least put in a good pair of earphones", "could at least: a wish");
	POS("they put in a good pair of earphones", "the same praise without the wish");
	NEG("you are better off deleting it and starting again", "better off: advice");
	POS("the picture is better than my old one", "better alone is praise");
}

/* Misspellings and set phrases of the third pass (49-en-senses.tsv). */
static void test_misspelled_and_never_again(void)
{
	NEG("a little inconveinent", "misspelled inconvenient");
	MORE("realy good", "good", "realy is a degree word like really");
	NEG("my second player from them - and the last.", "and the last: never again");
	ZERO("the last one was in the box", "last alone says nothing");
	NEG("it is made of plastic.", "made of plastic: a cheap build");
	ZERO("it is made of wood.", "made of alone says nothing");
}

/* Social phrases of the third pass: longing to be where the fun is, boredom, cranks. */
static void test_social_third(void)
{
	POS("wish I could be there!", "wish i could be: longing for the fun");
	ZERO("I wish", "wish alone is a conditional, no verdict");
	NEG("Need new hobby.", "need a new hobby: boredom");
	ZERO("Need a pen.", "need alone says nothing");
	POS("it truly brings it to life", "brings it to life: praise");
	NEG("Expose the KOOKS!", "kooks: cranks");
}

/* Review cues of the third pass: a device that will not do its job, warnings, workarounds. */
static void test_review_cues_third(void)
{
	NEG("it refuses to play my dvds", "refuses to play");
	NEG("don't get fooled by the marketing hype", "don't get fooled: a warning");
	POS("it is not fooling anyone, it is good", "fooled without the warning phrase: the praise decides");
	NEG("this required patience", "requires patience: a chore");
	POS("she has patience", "patience alone is praise");
	NEG("for simple snapshots, consider a cheaper camera.", "advice to go cheaper");
	NEG("i had to find a workaround", "a workaround: something did not work");
}

/* A brand in the name of a product, arithmetic and purpose: no verdict (49-en-senses.tsv). */
static void test_brand_and_arithmetic(void)
{
	ZERO("i bought the creative zen last week", "creative zen: a brand and its product");
	POS("a creative design", "creative alone is praise");
	ZERO("on average it charges once a week", "on average: arithmetic");
	NEG("the sound is average at best", "average alone is faint praise");
	ZERO("i bought it to replace my old player", "to replace: what the purchase is for");
}

/* Connotations are reached through inflections only (-s, -ing, -ed), never through -er,
 * -ly, -est or -ness: "gangly" is no "gang", "ally" no "ale". */
static void test_conn_inflections(void)
{
	NEG("gangs downtown", "conn: gangs reaches gang through -s");
	POS("Brewing at home", "conn: brewing reaches brew through -ing");
	ZERO("The gangly kid", "conn: gangly does not reach gang through -ly");
	ZERO("He is an ally", "conn: ally does not reach ale through -ly");
}

/* Connotations moved out of the polar files (issue #5): a thing felt as pleasant or unpleasant
 * (weekend, beach, hospital, traffic, pizza) names no verdict. Beside a word of evaluation it
 * adds nothing; alone it leans the note and leaves it neutral. Words that are both a thing and
 * a verdict, or whose other sense is one, keep a polar entry (headaches, this baby, slaying it). */
static void test_moved_connotations(void)
{
	double awful = score("This was awful");
	ok(score("This weekend was awful") == awful, "moved conn: weekend adds nothing to awful");
	ok(score("The hospital staff were wonderful") == score("The staff were wonderful"),
	   "moved conn: hospital takes nothing from wonderful");
	POS("Weekend at the beach", "moved conn: pleasant things lean positive");
	ok(res.label == 0 && evidence_has("connotation"), "moved conn: a lean, the note neutral");
	NEG("Stuck in traffic after the dentist", "moved conn: stuck in still complains");
	ok(res.label < 0, "moved conn: stuck in is a verdict, the note negative");
	NEG("Flu and homework", "moved conn: unpleasant things lean negative");
	ok(res.label == 0, "moved conn: unpleasant things leave the note neutral");
	NEG("A slaying downtown", "slaying in the news is a killing, not slay");
	ok(res.label == 0, "slaying alone: a connotation, the note neutral");
	POS("She is slaying it", "slaying it is praise");
	ok(res.label > 0, "slaying it: a verdict, the note positive");
	POS("i keep this baby around", "this baby said of a thing is fondness");
	ok(res.label > 0, "this baby: a verdict, the note positive");
	POS("the baby is asleep", "baby alone is a connotation");
	ok(res.label == 0, "baby alone: the note neutral");
	POS("a giggly me", "giggly is a mood, not a gig");
	ZERO("a jar of jam", "jam alone is fruit, music or traffic: no verdict");
	NEG("another paper jam", "a paper jam is a printer's failure");
	POS("this song is my jam", "my jam is a favourite");
}

int main(void)
{
	if (setup() < 0) {
		ok(0, "setup: lexicons, tokenizer and model");
		return tap_done();
	}
	test_letter_emoticons();
	test_no_word_no_score();
	test_everyday();
	test_review_rules();
	test_deadpan();
	test_stutter();
	test_negated_negative();
	test_symbol_word_emoticon();
	test_elision();
	test_social();
	test_modal_comparative();
	test_or_coordination();
	test_yet_to();
	test_seriously();
	test_sentence_start();
	test_senses();
	test_review_advice();
	test_misspelled_and_never_again();
	test_social_third();
	test_review_cues_third();
	test_brand_and_arithmetic();
	test_conn_inflections();
	test_moved_connotations();
	sentiment_model_free(sm);
	fixture_release();
	sb_release(&out);
	return tap_done();
}
