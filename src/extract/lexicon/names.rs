//! Common given names by gender, lowercase.
//!
//! Used in two places only: a capitalised chunk that starts with one of these is a person
//! (not a place or an organisation), and the gender of a name filters which pronoun can refer
//! to it. Gender is never a source of a speaker, so the list only needs to be broad, not
//! complete; names common to both genders are in [`UNISEX`] and count as unknown.

pub(super) static MALE: &str = "aaron abdul abdullah abraham adam adrian ahmed ahmad alan albert \
    alberto alejandro alexander alexei alfred ali alistair allen alvaro amir anand anders andre \
    andreas andres andrew andy angelo anthony antonio arjun arnold arthur ashok austin ben \
    benjamin benedict bernard bernie bill billy bob bobby boris brad bradley brandon brendan \
    brett brian bruce bryan byron caleb calvin carl carlos cedric chad charles charlie chuck \
    clarence claude clifford clint cody colin connor conor cory craig curtis dale dan daniel \
    danny darren dave david dean dennis derek desmond diego dmitri dominic don donald doug \
    douglas duncan dwight earl eddie edgar eduardo edward edwin elijah elliot emmanuel enrique \
    eric erik ernest ethan eugene evan fernando francis francisco frank franklin fred frederick \
    gabriel gareth gary gavin geoffrey george gerald gerard gilbert glenn gordon graham grant \
    greg gregory gustavo hamid hans harold harry harvey hassan hector henry herbert howard hugh \
    hugo ian igor isaac ivan jack jacob jake james jared jason javier jay jeff jeffrey jeremy \
    jerome jerry jesus jim jimmy joaquin joe joel john johnny jon jonathan jorge jose joseph \
    josh joshua juan julian justin karl keith kenneth kevin khalid kurt kyle lance larry \
    lawrence leonard leo leon lewis liam lloyd louis lucas luis luke malcolm manuel marco marcus \
    mario mark martin marvin mathew matt matthew maurice max michael miguel mike mitch mitchell \
    mitt mohamed mohammad mohammed muhammad nathan neil nicholas nick nigel noah norman oliver \
    omar oscar owen pablo patrick paul pedro pete peter philip phillip pierre rafael ralph ramon \
    randy raul ray raymond reginald reza ricardo richard rick rob robert roberto roger roland \
    ron ronald ross roy rudy russell ryan salvador sam samuel scott sean sebastian sergei \
    sergio seth shane simon stanley stephen steve steven stuart ted terrence thomas tim timothy \
    todd tom tommy tony travis trevor troy tyler victor vincent vladimir walter warren wayne \
    wesley william willie xavier yusuf zachary jeb rand newt rudolph mikhail abe barack joe \
    hank ed rex lindsey marco bernie mohamad dick herman reince sherrod chris tim jon \
    reinhold wolfgang jurgen heinz olaf emmanuel jacques nicolas francois jean-claude \
    jean-pierre giuseppe luigi matteo carlo vladislav nikolai yuri dmitry viktor andrzej \
    tomasz pavel jan kwame kofi chidi olu emeka tunde hiroshi takeshi kenji jin wei ming \
    raj rahul vijay sanjay amit";

pub(super) static FEMALE: &str = "abigail ada adriana agnes aisha alexandra alice alicia alison \
    allison amanda amber amelia amy ana andrea angela angelica angie anita ann anna anne annie \
    antonia april ashley audrey barbara beatrice becky belinda beth betsy betty beverly bonnie \
    brenda bridget brittany camila carla carmen carol caroline carolyn catherine cathy cecilia \
    charlotte chelsea cheryl christina christine claire clara claudia colleen connie cynthia \
    daisy dana daniela danielle debbie deborah debra denise diana diane donna dora doris \
    dorothy edith eileen elaine eleanor elena elisabeth elise eliza elizabeth ella ellen \
    elsa emily emma erica erin esther eva evelyn fatima felicity fiona florence frances gabriela \
    gail gemma georgia geraldine gina gloria grace gwen hannah harriet hazel heather heidi \
    helen helena hillary holly ida ingrid irene iris isabel isabella jackie jacqueline jane \
    janet janice jasmine jean jeanne jennifer jenny jessica jill joan joanna jocelyn josephine \
    joy joyce judith judy julia julie june karen kate katherine kathleen kathryn kathy katie \
    kayla kelly kim kimberly kirsten kristen kristin laura lauren leah lena leslie lillian \
    linda lisa liz lois loretta lori lorraine louise lucia lucy lydia lynn madeline maggie \
    maria marian marie marilyn marina marion marjorie marsha martha mary maureen maxine megan \
    megyn melanie melania melissa meredith mia michele michelle mildred miriam molly monica \
    nadia nancy naomi natalia natalie natasha nicole nina nora olga olivia paige pamela patricia \
    patty paula pauline peggy penelope penny phyllis priscilla rachel rebecca regina renee rita \
    roberta rosa rose rosemary ruth sabrina samantha sandra sara sarah sharon sheila shirley \
    sofia sonia sophia sophie stacy stella stephanie susan suzanne sylvia tamara tanya tara \
    teresa theresa tiffany tina tracy valerie vanessa vera veronica victoria violet virginia \
    vivian wanda wendy yolanda yvonne zoe nikki condoleezza huma hope ivanka kellyanne \
    sarah elizabeth nancy debbie dianne tammy kirsten amy maxine marine angela theresa \
    ursula federica christine margaret margot mariana marta priya aditi ananya deepa sunita \
    yuki mei ling amara ngozi chioma fatou aminata leila yasmin zainab";

pub(super) static UNISEX: &str = "alex jordan sam jamie taylor casey morgan pat robin terry lee \
    leslie jesse kelly tracy dana chris ashley sasha shannon riley avery quinn cameron drew \
    jody kerry jackie sydney toni bobbie frankie rory";
