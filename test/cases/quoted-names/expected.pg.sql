-- masq plan "input" (584e2b471fd5f662), compiled from test/cases/quoted-names/input.masq
-- 2 table(s): public → masked, 5000 rows a batch, hash mode portable.
--
-- Run it against the database that holds both schemas:
--   psql "$TARGET_URL" -v masq_salt="$MASQ_SALT" -f out/input.pg.sql
--
-- Safe to re-run: every batch commits with its checkpoint in masked._masq_progress,
-- so a run that stopped continues where it was, and a finished table is skipped.
-- The salt is read from psql variables and kept in session settings; it is not in this file.

\set ON_ERROR_STOP on
\if :{?masq_salt}
\else
  DO $masq$ BEGIN RAISE EXCEPTION '%', 'run psql with -v masq_salt=... (the secret from MASQ_SALT)'; END $masq$;
\endif
SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, YMD', false), set_config('extra_float_digits', '1', false), set_config('masq.salt', :'masq_salt', false);
DO $$ BEGIN
  IF coalesce(current_setting('masq.salt', true), '') = '' THEN RAISE EXCEPTION 'the salt (masq_salt) is empty'; END IF;
END $$;

CREATE SCHEMA IF NOT EXISTS "masked";
-- One row per part of a table's key range (one part unless `masq run --jobs N` split it).
CREATE TABLE IF NOT EXISTS "masked"."_masq_progress" (
  table_name text NOT NULL,
  part       int NOT NULL,
  plan_hash  text NOT NULL,
  end_key    text[],
  last_key   text[],
  rows       bigint NOT NULL DEFAULT 0,
  done       boolean NOT NULL DEFAULT false,
  finished   boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (table_name, part)
);

-- ─── Order Items: public.Order Items → masked.Order Items
CREATE TABLE IF NOT EXISTS "masked"."Order Items" (
  "Item ID" integer NOT NULL,
  "Unit ""Price""" numeric,
  "table" text,
  "buyer's name" text,
  "100%" boolean
);

DO $masq1$
DECLARE
  done_hash text;
  lo text[];
  hi text[];
  copied bigint;
  is_done boolean;
  is_finished boolean;
  parts bigint;
  has_rows boolean;
  take bigint;
  n bigint;
  part_no int;
  end_key text[];
BEGIN
  EXECUTE $q$
SELECT plan_hash, last_key, rows::text AS rows, done, finished,
       count(p.part) OVER () AS parts,
       EXISTS (SELECT 1 FROM "masked"."Order Items") AS target_has_rows,
       p.part, end_key
FROM (SELECT 1) AS one
LEFT JOIN "masked"."_masq_progress" AS p ON p.table_name = $1
ORDER BY p.part
  $q$ INTO done_hash, lo, copied, is_done, is_finished, parts, has_rows, part_no, end_key USING 'Order Items';
  IF done_hash IS NOT NULL AND done_hash <> '584e2b471fd5f662' THEN
    RAISE EXCEPTION 'target table % was filled by another plan (%): drop it, or run that plan', 'Order Items', done_hash;
  END IF;
  IF done_hash IS NULL AND has_rows THEN
    RAISE EXCEPTION 'target table % already holds rows masq did not write', 'Order Items';
  END IF;
  IF is_finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'Order Items', copied;
    RETURN;
  END IF;
  IF parts > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'Order Items', parts;
  END IF;
  copied := coalesce(copied, 0);
  WHILE NOT coalesce(is_done, false) LOOP
    take := 5000;
    hi := NULL;
    n := 0;
    IF take > 0 THEN
      EXECUTE $q$
SELECT ARRAY[s."Item ID"::text] AS k
FROM "public"."Order Items" AS s
WHERE ($1::text[] IS NULL OR s."Item ID" > ($1::text[])[1]::integer)
  AND ($3::text[] IS NULL OR s."Item ID" <= ($3::text[])[1]::integer)
ORDER BY s."Item ID"
LIMIT 1 OFFSET $2
      $q$ INTO hi USING lo, take - 1, NULL::text[];
      EXECUTE $q$
INSERT INTO "masked"."Order Items" ("Item ID", "Unit ""Price""", "table", "buyer's name", "100%")
SELECT
  -- test/cases/quoted-names/input.masq:5 Item ID: ID key
  s."Item ID" AS "Item ID",
  -- test/cases/quoted-names/input.masq:6 Unit "Price": "Price"` perturb(pct: 1)
  CASE WHEN s."Unit ""Price""" IS NULL THEN NULL ELSE CASE WHEN s."Unit ""Price""" - s."Unit ""Price""" = 0 THEN round(s."Unit ""Price""" + s."Unit ""Price"""::numeric * (((h1.masq_h % 2000001) + 2000001) % 2000001 - 1000000) * 1 / 100000000, scale(s."Unit ""Price"""))::numeric ELSE s."Unit ""Price""" END END AS "Unit ""Price""",
  -- test/cases/quoted-names/input.masq:7 table: keep
  s."table" AS "table",
  -- test/cases/quoted-names/input.masq:8 buyer's name: name` substitute(full_name)
  CASE WHEN s."buyer's name" IS NULL THEN NULL ELSE ('{"Sibyl Schmitt","Maureen Murazik","Douglas Jacobi","Aiden Wolf","Prudence Renner","Trey Witting","Keven Cole","Clovis Keebler","Reece Schneider","Lucio Heaney","Anya Homenick","Odessa Zulauf","Jonatan Auer","Juanita Hamill","Liana Goodwin","Era Bauch","Arjun Ferry","Ariel Goyette","Caden Miller","Corey Dickinson","Rico Weber","Mr. Jeremiah Altenwerth","Kameron Langosh","Tara Vandervort","Durward Dooley","Chase Homenick","Peggie Littel","Kassandra Braun","Susanna Hodkiewicz","Vivianne Dare","Jeffery Walker","Daija Bins","Delta Okuneva","Lana Littel-Shields","Jamaal Bashirian","Tamara Nikolaus","Hortense Herman","Ms. Shelly Senger","Dr. Brianne Rath","Clifton Sporer","Oliver Toy","Danielle Barton","Greta Hane","Brandyn Beier","Lyla Rice-Toy","Thalia Bruen","Timmothy Kub","Luther Macejkovic Sr.","Lilian Bauch","General Bailey","Luciano Purdy","Enoch Medhurst IV","Alvena Fahey","Otis Gutmann","Estefania Collier","Lexi Keebler V","Bailey O''Conner","Audie O''Connell","Susan VonRueden","Cletus Becker PhD","Guido Schiller","Rylee Orn-Fritsch","Jadyn Romaguera","Nikko Ebert Sr.","Warren Fahey","Ollie Hahn","Gerald Sawayn","Arthur Davis Sr.","Arne Sauer","Clotilde Gislason","Dr. Kelsi Dooley","Franklin Hodkiewicz II","Mrs. Catharine Herman","Christiana Zboncak","Hattie Ratke","Ava Weissnat Sr.","Waylon Jast","Trystan Metz","Leila Emard","Mr. Vernie Trantow","Ephraim Smith","Burnice Koss PhD","Javier Larkin","Mrs. Lexus Carter","Raphaelle O''Keefe","Miss Jeannie Miller","Neha Beahan","Liam Mraz","Cordie Wilkinson","Murray Abernathy","Ora Franecki","Louisa Roberts PhD","Mrs. Nettie White","Miss Daisha Keeling III","Emmet Jacobson","Marc Ruecker","Bethany Cartwright","Stanford Jacobi","Amari Beer","Kylee Crooks","Mathew Moore","Domenick Jacobson","Daphne Harber PhD","Ashlee Emard","Henri Altenwerth DVM","Lelah Beer","Dr. Elfrieda Mohr","Dr. Randall Wolff","Laurianne Schultz","Palma Wisoky DVM","Terence Fay","Naomie Kuhn","Joanna Franecki DVM","Ava Hyatt","Jaiden Mertz","Victor Zieme","Elwin Hane","Dr. Kennith O''Reilly","Vernice Harber","Anabel Luettgen-Hudson","Misty Schowalter","Liliane Beier","Mr. Davin Rolfson","Loren Huel","Shad O''Kon","Cristopher Stracke","Prince Daniel","Murphy Beatty","Ms. Karlee Frami","Frieda Kutch","Mr. Bethel Jerde","Vicky King","Fausto Price","Cooper O''Reilly DVM","Emmy Wunsch V","Cathy Wisoky","Mr. Winfield Christiansen Sr.","Saul Bahringer","Edison Oberbrunner","Carla Hirthe","Libby Runolfsdottir II","Sammie Dickens","Christy Cruickshank","Manuel D''Amore-Buckridge","Quincy Schiller I","Stanton Schimmel","Thomas Lindgren","Guadalupe Champlin","Sabrina Hahn-Beahan","Dr. Helmer Cartwright","Russel Beatty-Dach","Lynn Smitham DDS","Valentine Jacobson II","Unique Gerhold","Miller Feeney","Mrs. Mya Stamm III","Wendell Hilll","Ruth Ondricka","Erma Schowalter","Jonathon Zieme","Maeve Grant","Darrell Howe","Blanche Schmidt","Murphy Schumm","Darnell Cummings PhD","Wilmer Price","Ryley Bahringer","Eveline Langosh","Miss Delphia Douglas","Leilani Baumbach","Erik Morissette","Mr. Reginald Graham","Ms. Raegan Pfeffer MD","Levi Hermann","Dr. Alvah Morissette","Delaney Hammes","Isabel Sporer","Emmitt Hane-Emmerich","Alysson Schmidt","Cary Fay","Ansel Bartoletti","Ruben Stanton","Carey Windler","Mr. Stone Hegmann","Miracle Bergstrom","Dr. Ahmed Kovacek","Luisa Simonis","Angelo Wiza","Zelma Kutch MD","Aiyana Botsford","Ubaldo Swaniawski-Grady","Mr. Solon Glover","Maeve Emard","Henriette Beahan","Sonja Bartoletti","Ruthie Hayes","Aleen Wintheiser II","Claudie Ondricka","Coty Upton MD","Susie Hermiston","Carmine Gutkowski","Mr. Johann Fisher","Hank Huel","Emerald Denesik","Amelia Ernser","Ali Dickinson","Connor Herzog Jr.","Ellis Blick","Abbigail Dibbert","Annalise McGlynn","Ms. Alexis Smitham PhD","Chloe Mante V","Liza Lowe","Raquel Prohaska","Moises Hahn","Gregory MacGyver","Carlee Nitzsche","Julien Cartwright","Dr. Jaylin Prosacco","Clementine Roob","Velva Beahan I","Jacques Gutmann","Clovis Lockman","Pete Quigley","Sammie Weimann","Lucio Renner DVM","Keyon Ankunding","Krystel Farrell","Delaney Bins","Warren Gutmann","Armand Schulist MD","Rosalyn Abernathy","Abner Morissette","Troy Corwin","Dr. Keshawn Ward","Emerson Tillman","Jed Lemke","Stella Schinner","Cathy Lockman","Reggie Haley-Schneider","Latoya Weimann","Tiffany Lesch","Joannie Trantow","Hermann Labadie PhD","Mia Kuvalis","Roxane Kuhic PhD","Damon Feeney","Mr. Jabari Konopelski","Burley Wiza","Adolph Heidenreich","Mr. Allan Spinka","Braxton McCullough","Myrtie Jacobs-Mills","Mr. Giovanny Gutkowski IV","Jazmin Hauck","Mr. Tony Fahey IV","Dawson Stoltenberg","Ms. Sage Mohr","Hillary Torphy","Owen Greenholt IV","Henri Hudson","Dayne Barrows","Jolie Orn","Delta Ledner","Gianni Gleason Sr.","Michale Barrows","Kyler King","Jarrod Renner","Antone Kilback","Major Huel","Nadine Turner","Mrs. Stacey Abernathy","Era Weimann","Myra Murphy","Floyd Okuneva","Kenneth Erdman","Carlotta Farrell","Jalyn Runolfsdottir MD","Fay Hammes-Kshlerin Jr.","Ruby Prohaska","Jany Considine","Cleta McGlynn","Becky Botsford","Paula Jacobi","Jaida Schuppe","Penelope Welch","James Rowe","Freddie Fay","Maude Willms","Tatum Hickle","Enrico Jones","Shayna Morar","Damion Lueilwitz-Williamson","Katheryn Powlowski","Hazle VonRueden","Delta Rice","Terrance Schroeder","Samson Hackett","Jeffery Nikolaus","Dr. Chasity Jast","Davon Schinner","Adele Metz","Zoey Tillman","Rahsaan Williamson III","Rickie Rolfson","Damien Dooley","Walker Gleason","Rita White","Cesar Paucek III","Mr. Reid Becker","Dewey Hauck DVM","Marisol Goyette","Floy Adams DVM","Eden Dietrich","Ben Smitham","Enoch Jacobson","Ms. Cordelia Schumm-Feeney","Adella Erdman","Shyann Mills","Izaiah Crona","Asa Cremin","Mr. Lewis Hane","Kurtis Hirthe","Nayeli Kuhlman","Halie Franecki","Leonor Wilderman DVM","Rachelle Hamill","Raquel Tromp","Mr. Edison Ondricka","Marilie Hahn V","Penny Walker","Humberto Oberbrunner","Eusebio Reynolds MD","Bill Mitchell","Chad Hoeger","Alejandrin Fadel","Mckayla Dare DDS","Jayme Stehr","Kaylin Legros","Winnifred Kertzmann","Kariane Rogahn","Elinor Wilderman","Jessie Fadel-Aufderhar","Nya Breitenberg","Constantin Streich","Trisha Casper","Brown Hudson","Joany Graham","Kristian Bruen","Golden Steuber","Althea Hayes","Marcelle Gorczany","Marjory Auer","Dr. Alejandrin Romaguera","Claire Wintheiser","Mr. Ole Legros-Legros Jr.","Ransom DuBuque MD","Shanny Runte","Mr. Jadyn Metz","Adelia Altenwerth","Modesta Bernhard","Jamal Jacobson","Sid Feil","Ms. Amelie Heller","Luz Larson","Skyla Smitham","Yasmeen Howell","Jensen Cummings","Mr. Claude Hartmann","Christian Yundt DDS","Mr. Walter Lang","Vida Wisoky","Mr. Orlando Huel DDS","Taryn Marvin","Oran Pouros","Lexie Stanton PhD","Ms. Mariah Russel","Sage Huels","Eleanora Satterfield","Sadye Johnson","Cristopher Pouros","Mateo Durgan","Traci Gutmann","Elnora Schaden PhD","Jeanette Waters DDS","Jasen Hand","Leona Hills","Forrest Crist","Raheem Considine","Ubaldo Langosh Sr.","Della Parisian","Ricardo Gerlach","Emmitt Jacobs","Deven Rippin","Elmer Schmidt","Carlotta Thiel","Benjamin West","Blair Reichert","Rebekah Blick","Mr. Damien Schroeder-Schowalter","Arnulfo Schumm","Dr. Orie Fritsch","Dayton West","Amelie Rau PhD","Ladarius Abshire Sr.","Dorris West","Mrs. Reba Graham","Braden Towne","Missouri Brakus","Dixie Swaniawski","Mackenzie Stanton-Welch II","Wilton VonRueden","Yvonne Howell","Lurline Koss","Mohamed Smith","Imogene Ferry","Mateo Brakus","Zaria Cassin PhD","Monroe Cruickshank III","Aiyana Bednar","Mr. Dejon Ward","Jennie Hills","Mossie Kuhic","Dr. Ludie Zboncak-Stehr","Ms. Madonna Oberbrunner","Garret Morar","Aubrey Wisoky","Dr. Jacinthe Weissnat","Mertie Dickinson","Ms. Cassie Bernhard","Autumn Mosciski","Laverna Towne","Patty Funk","Hayley Thompson","Abner Gottlieb","Jarod Marvin","Jamison Mueller","Evan Harber","Constance Krajcik","Caleb Marks","Warren Williamson","Jewell Keebler Sr.","Jennings Hammes","Gabriella Klein","Marisa Stehr","Lucille Kerluke DVM","Mrs. Nya White","Johnathan Walker MD","Tressie O''Reilly","Marianna Keebler DDS","Savanah Rutherford","Ms. Brionna Blanda","Tristin Kris","Justina Bernier","Amparo Kuphal","Sedrick Anderson","Dayne Yundt","Abraham Bernier IV","Josue Mohr","Tre Moen","Doug Strosin I","Madeline Towne","Alejandrin Parisian DDS","Merritt Gleason","Cecilia Friesen","Gust Russel","Clotilde Hudson","Eliezer Larson","Dr. Marques Boyle-Pagac","Marlin Harris","Ignatius Cronin","Clovis McKenzie-Will","Ms. Isabel Dooley","Rosalee Davis","Mr. Columbus Von","Rashawn Hermann","Ransom Erdman","Allie Reilly","Otho Casper","Lonny Hodkiewicz","Hershel Daniel","Leora Bogan","Modesta Windler","Mario Reichert-O''Reilly","Shawn Bahringer","Eliane Sauer","Marcel Funk","Patti Mertz","Harold Waters","Miss Zetta Miller","Tavares Nolan","Aaliyah Watsica","Kevin Rowe","Danial Ankunding","Reid Wisoky-Kozey","Frederick Wunsch","Michele Keeling","Nolan Cronin","Norwood Hermann","Stephen Quitzon","Alena Schumm","Hortense Schamberger","Noemi Christiansen","Quinten Lockman","Mrs. Raegan Maggio","Torrey Hirthe","Margarete Gleason","Dee Stiedemann","Mrs. Britney Dare","Reece Willms-Murazik","Lance Davis III","Eda Kerluke MD","Cyrus Kessler","Sabina Conroy","Beth Ferry","Mrs. Ethyl Paucek","Dr. Electa Dickens","Jefferey Conn","Nathanael Stanton","Eden Ratke","Nicole Hane","Sandrine Hoppe DDS","Lempi Stiedemann","Dwayne McDermott-Johnston","Keara Lakin","Kaia Pfeffer","Donnie Koch","Timothy Strosin","Isaiah Trantow","Mylene Marvin","Joseph Strosin","Miss Ashly Abshire","Mathilde Bashirian Jr.","Osbaldo Armstrong","Mr. Ted Schaden-Olson","Regan Cruickshank","Constantin Franecki","Dallas Roberts","Roslyn Stamm","Alonzo Ward","Ariane VonRueden","Cleve Medhurst","Santiago Dach","Cristobal Ortiz","Edd Erdman","Clovis Hudson","Rene Dach","Jaylon Moore","Katlyn Goyette","Nina Nienow","Taurean Rempel MD","Onie Oberbrunner","Mrs. Mathilde Fisher DVM","Nikko Simonis","Deon Maggio","Marion Dickens","Keagan Schuppe","Orrin Conn","Helena Ankunding","Jay Johnston","Ms. Imogene Tromp","Jayne Weimann","Nick Wisoky","Dena Johnson","Clair Bergnaum","Larissa Oberbrunner","Mr. Pierce McLaughlin V","Chadrick Howe IV","Lucio Franey","Lilian Schinner","Mr. Davin Luettgen","Andy Prohaska","Jovanny Braun","Darnell Leannon","Lulu Wolff","Darby Powlowski","Schuyler Raynor Sr.","Evert Tillman","Bradford Jerde","Norene Murray","Dr. Agustina Ritchie-Leannon I","Mariela Reynolds","Rachel Smith DDS","Karli Mohr","Gideon Kiehn-Donnelly","Sincere Will","Declan O''Kon Sr.","Grady Hudson","Dr. Malachi Conroy","Joanie Halvorson","Hank Ward","Ambrose O''Conner","Christelle Corkery","Morton Mills-Bins","Lana Tromp","Sanford Bahringer","Woodrow Dooley","Cheryl Pfannerstill Jr.","Mr. Andres Haag","Carmen Bradtke","Arch Kuphal DDS","Spencer Murazik","Andreanne Keebler","Magali Frami","Dino Zemlak-Beatty","Aida Ondricka","Ida Swaniawski","Garnett Hegmann","Ms. Shanelle Abernathy","Mr. Jaycee Spinka","Elijah Little","Bertha Johnston","Enid Moore","Carleton Ledner","Javon O''Connell-Schowalter","Ms. Bridget Bednar","Stella Harvey-Glover","Arne Aufderhar II","Lorna Metz","Otis Harber","Miller Pfeffer","Domenic Senger","Hugh Mante","Shanon Schmeler","Hoyt Schamberger","Ms. Nicola Doyle","Katrine Jast","Marjory Zulauf V","Sigurd Wisozk","Gilda Pollich II","Sadye Ernser","Valerie Fay","Lucius Haag II","Rodrick Kris","Virginia Lesch IV","Moses King","Jaime Fahey","Sarina Kshlerin","Zachery Runolfsdottir-Hilll","Jerod Keebler","Quinn Raynor","Dr. Geneva Wunsch","Carey Koelpin","Coty Schaefer","Ms. Esta Hettinger","Ms. Samara Schiller-Nicolas","Vickie Nolan","Hank Conroy","Amani Stark","Earnest Cruickshank-Conroy","Rolando Stracke","Niko Dicki","Granville Pagac","Mr. Arthur Weissnat","Faith Schneider","Audie Schmidt-Aufderhar","Cecil Durgan","Wilfrid Haley","Jace Zemlak","Shea Stehr I","Phil Gulgowski","Lilliana Moen","Mrs. Kelley Jenkins-Bode","Oma Ziemann-O''Reilly","Alfreda Leannon-Aufderhar","Casandra Towne-Kohler","Joany Wisozk-DuBuque","Izaiah Balistreri","Johnny Murray","Juvenal Cassin","Jameson Lockman","Vera Ondricka","Viola Bergstrom","Kitty Wuckert","Brain Botsford DVM","Marielle Zieme","Kendall Stiedemann","Johnpaul Bins","Dr. Randy Hoppe","Jon Bayer","Louis Padberg","Leigh Labadie","Amya Fay","Evangeline Reichel","Abdiel Roberts DDS","Dr. Kayden Friesen","Eleanore Wolf","Cecelia Von","Martin Kemmer","Teagan Brown","Joann Pfeffer","Vergie Green","Jayme Ziemann","Miss Kendall Rowe","Ms. Magnolia Schamberger","Jermaine Schiller","Efren Wuckert","Shaina Daniel","Marquis Bogisich","Kristopher Flatley","Alejandrin Wilkinson","Abby Gutkowski","Alexandria Nienow","Miss Twila Kshlerin","Josiane Lind","Kaden Torp","Mac Bayer","Caleb Balistreri I","Jessy Kuhlman","Wanda Auer","Miss Alexane Bergstrom","Berta Mohr","Dr. Treva Rolfson","Lexus Daugherty","Ms. Leta Robel","Miles King","Maymie Gerlach-Tremblay","Maye Jakubowski","Erich Schumm","Iris Pollich","Will Fisher","Eula Gutkowski-Mueller","Janiya Paucek DVM","Dr. Barbara Sauer","Terrence Blanda","Kathlyn Borer IV","Jalon McDermott","Darnell Littel","Shaniya Brakus","Wanda Howe","Tiana Wilkinson","Laverne Rippin","Cleta Stark","Eli Williamson","Dewey Pacocha","Tyrell Klocko","Patrick Kulas","Camylle Spencer","Michale Ritchie","Tasha Harber","Alphonso Hills","Ernesto Parker","Rossie Conroy","Paxton Romaguera","Telly Wolff-Dach","Janiya Franey","Rebeca Kub","Joesph Treutel","Ross Gutmann","Carter Glover","Samara Kautzer","Dariana Lakin","Mateo Pollich","Stephanie Rodriguez","Georgianna Leffler","Jean McKenzie","Hilbert Lesch","Delbert Quitzon","Clarissa Walter II","Mr. Elliott Baumbach PhD","Devante Paucek","Jabari Bednar","Terrill Dibbert","Furman Shields","Kaia Roberts","Dr. Greyson Schumm","Gardner Blanda","Keaton Buckridge","Aracely Stokes","Miss Annamae Grimes","Walton Towne","Berry Reichel","Ressie Thiel DDS","Alexandria Fadel","Urban Hayes","Aliza Tillman","Dr. Emory Bednar","Reanna Jenkins","Misael Schmitt","Kelvin Schuppe","Mrs. Verna Mante","Stephany Barrows","Demetris Block","Phoebe Franey","Mavis Lebsack-Botsford","Mr. Sunny Schaden","Karley Koch Sr.","Donny Kiehn","Lyla Orn","Maia MacGyver I","Howard Schuster","Dr. Sheila Mertz","Jayda Feil-Reinger","Kamille Boyle","Dangelo Braun","Dr. Christie Wiegand","Mr. Zack Goodwin","Mrs. Filomena Ziemann","Fay Leuschke","Katarina Aufderhar","Miss Althea Thompson","Fermin Kassulke","Mckayla Haley","Lee Fritsch","Tyler Grimes Jr.","Kaya Larkin DDS","Miguel Cartwright","Macie Raynor","Clay Langosh","Darion Lemke","Cristina Block","Granville Torp","Jaydon Upton","Toy Torphy","Dr. Homer Heller","Garnett Wolff","Halle Hilpert","Kendra Kris","Daren Lynch","Geo Bahringer","Brett Toy I","Annetta Simonis","Dameon Bernhard","Maeve Hand","Kiarra Zemlak","Bernice Feil","Elisa Homenick","Carissa Rippin","Henriette Lehner","Alva Kub","Dewitt Nitzsche","Nicolas Champlin","Heidi Treutel","Elbert Conroy DVM","Lyla Douglas","Lucienne Bailey","Kenton Sauer","Johann Steuber","Colten Halvorson","Torrance Lockman","Kiera Thiel","Nat Herman","Constantin Christiansen","Sim Okuneva","Mable Daugherty-Morar","Mr. Dominique Ernser","Marlen Terry","Lauriane Pfannerstill","Dorothea Kub","Geovanni Heidenreich","Charley Lueilwitz","Domenic Wiegand","Lennie Welch","Garfield Friesen","Mr. Sylvester D''Amore","Elijah Berge Sr.","Macey McDermott","Miss Suzanne Padberg","Nyasia Lowe","Keeley Muller-Dietrich","Margie Little","Joaquin Swift","Willie McDermott","Dr. Nigel Runte","Dr. Darrick Deckow","Lorraine Harvey","Deron Bednar","Ryan Streich","Vallie Koepp","Sigrid Kris","Rory Cruickshank","Ernesto McGlynn","Lucious Dicki","Alyson Lind","Lulu Osinski","Frankie Dicki","Nicholaus Romaguera DVM","Terry Luettgen","Ena Schuster","Kaela Nicolas","Moises Wunsch","Dariana Koch","Kirsten Connelly","Carli Gottlieb","Joaquin Muller","Rogers Jacobson","Ole Mraz","Murl Gutkowski","Audie Wiza","Jamison Schmidt","Dr. Hillary Schmitt","Ethyl Mayer-Berge","Jarod Dickens","Larue Wilkinson","Clair Botsford-Herzog","Melvin Morar","Zelma Davis","Abbigail Pollich","Georgianna Pouros","Miss Maiya Miller","Miss Germaine Mueller","Matteo Cronin","Dr. Jaylon Shanahan","Maryse Beier","Mr. Jacinto Sporer","Neva Gibson","Gustavo Nienow III","Jamie Daugherty V","Haven Greenfelder","Elinor Boyer DVM","Mallory Rau","King Leuschke","Gregg Doyle","Lucio Kuhlman","Omer Legros DVM","Heber Sanford","Kasey Sawayn","Mohammad Medhurst","Adrianna Torphy","Davion Robel","Mr. Alford Watsica","Mr. Guadalupe Parisian","Kyleigh Aufderhar","Wade Mitchell","Hollis Thompson","Susanna Kiehn","Miss Wilma Crooks","Jody Friesen","Kaleb Predovic MD","Lance Anderson","Ambrose Schmeler PhD","Jaeden Yost","Imelda Lowe","Taylor Maggio","Euna Rolfson","Nikko Bahringer","Lolita Jacobs","Dr. Luigi O''Conner","Gillian Leffler","Genesis Grant","Buddy Bednar","Brenda Schoen Jr.","Brando Parker V","Floyd Rutherford","Brandon Bashirian","Maxine Quigley","Melanie Yundt","Julien Halvorson","Jeffery Schimmel","Wilfrid Balistreri","Delphia Swaniawski","Juliana Cassin","Mr. Joey Haag","Mr. Demetris Fadel","Floy Greenholt","Ocie Quitzon","Chelsie O''Reilly PhD","Libbie Connelly","Jose Miller","Dr. Arno Daugherty","Kennith Mante","Flavie Witting","Jolie Veum","Ms. Janelle Kihn","Arch Spinka","Armani Senger","Amiya Fritsch","Aurelio Witting","Ramona Haley","Mrs. Daphnee Bruen","Margot Casper","Francisco Barton","Kathryn Torp","Alma Quitzon-Gutmann","Pattie Schmitt","Name Streich","Carmelo Walsh","Antonetta Osinski","Geovany Treutel I","Stephanie Borer","Foster Konopelski","Columbus Quigley","Donna Stanton","Riley Rosenbaum","Dorian Kovacek","Itzel Kuvalis","Kitty Johnson","Bethel Johnston PhD","Rhonda Klein","Fredrick Thiel","Pablo Crona","Dangelo Gottlieb","Stacy Lehner","Onie Rippin","Murphy Littel PhD","Marianne Fay","Mr. Jasen Jast","Randal Sporer","Melyssa Mosciski","Camron Daniel"}'::text[])[1 + ((h2.masq_h % 1000) + 1000) % 1000] END AS "buyer's name",
  -- test/cases/quoted-names/input.masq:9 100%: keep
  s."100%" AS "100%"
FROM "public"."Order Items" AS s
  CROSS JOIN LATERAL (SELECT get_byte(d, 0)::bigint | (get_byte(d, 1)::bigint << 8) | (get_byte(d, 2)::bigint << 16) | (get_byte(d, 3)::bigint << 24) | (get_byte(d, 4)::bigint << 32) | (get_byte(d, 5)::bigint << 40) | (get_byte(d, 6)::bigint << 48) | (get_byte(d, 7)::bigint << 56) AS masq_h
     FROM (SELECT decode(md5('\x000000000f000000'::bytea || set_byte(set_byte(set_byte(set_byte('\x00000000'::bytea, 0, ((length(b) + 1) >> 0) & 255), 1, ((length(b) + 1) >> 8) & 255), 2, ((length(b) + 1) >> 16) & 255), 3, ((length(b) + 1) >> 24) & 255) || b || '\x00'::bytea), 'hex') AS d
           FROM (SELECT convert_to(current_setting('masq.salt') || s."Unit ""Price"""::text, 'UTF8') AS b OFFSET 0) AS q OFFSET 0) AS z) AS h1
  CROSS JOIN LATERAL (SELECT get_byte(d, 0)::bigint | (get_byte(d, 1)::bigint << 8) | (get_byte(d, 2)::bigint << 16) | (get_byte(d, 3)::bigint << 24) | (get_byte(d, 4)::bigint << 32) | (get_byte(d, 5)::bigint << 40) | (get_byte(d, 6)::bigint << 48) | (get_byte(d, 7)::bigint << 56) AS masq_h
     FROM (SELECT decode(md5('\x000000000f000000'::bytea || set_byte(set_byte(set_byte(set_byte('\x00000000'::bytea, 0, ((length(b) + 1) >> 0) & 255), 1, ((length(b) + 1) >> 8) & 255), 2, ((length(b) + 1) >> 16) & 255), 3, ((length(b) + 1) >> 24) & 255) || b || '\x00'::bytea), 'hex') AS d
           FROM (SELECT convert_to(current_setting('masq.salt') || s."buyer's name"::text, 'UTF8') AS b OFFSET 0) AS q OFFSET 0) AS z) AS h2
WHERE ($1::text[] IS NULL OR s."Item ID" > ($1::text[])[1]::integer)
  AND ($2::text[] IS NULL OR s."Item ID" <= ($2::text[])[1]::integer)
      $q$ USING lo, hi;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    is_done := hi IS NULL;
    EXECUTE $q$
INSERT INTO "masked"."_masq_progress" AS p (table_name, part, plan_hash, last_key, rows, done, end_key)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (table_name, part) DO UPDATE
SET last_key = coalesce(excluded.last_key, p.last_key), rows = p.rows + excluded.rows,
    done = excluded.done, updated_at = now()
    $q$ USING 'Order Items', 0, '584e2b471fd5f662', coalesce(hi, lo), n, is_done, NULL::text[];
    COMMIT;
    copied := copied + n;
    RAISE NOTICE '%: % rows', 'Order Items', copied;
    lo := hi;
  END LOOP;
  EXECUTE $q$
DO $masq$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"masked"."Order Items"'::regclass AND conname = 'Order Items_pkey') THEN
    ALTER TABLE "masked"."Order Items" ADD CONSTRAINT "Order Items_pkey" PRIMARY KEY ("Item ID");
  END IF;
END $masq$;
ANALYZE "masked"."Order Items";
UPDATE "masked"."_masq_progress" SET finished = true, updated_at = now() WHERE table_name = 'Order Items';
  $q$;
END
$masq1$;

-- ─── o'brien: public.o'brien → masked.o'brien
CREATE TABLE IF NOT EXISTS "masked"."o'brien" (
  "id" integer NOT NULL,
  "memo" text
);

DO $masq1$
DECLARE
  done_hash text;
  lo text[];
  hi text[];
  copied bigint;
  is_done boolean;
  is_finished boolean;
  parts bigint;
  has_rows boolean;
  take bigint;
  n bigint;
  part_no int;
  end_key text[];
BEGIN
  EXECUTE $q$
SELECT plan_hash, last_key, rows::text AS rows, done, finished,
       count(p.part) OVER () AS parts,
       EXISTS (SELECT 1 FROM "masked"."o'brien") AS target_has_rows,
       p.part, end_key
FROM (SELECT 1) AS one
LEFT JOIN "masked"."_masq_progress" AS p ON p.table_name = $1
ORDER BY p.part
  $q$ INTO done_hash, lo, copied, is_done, is_finished, parts, has_rows, part_no, end_key USING 'o''brien';
  IF done_hash IS NOT NULL AND done_hash <> '584e2b471fd5f662' THEN
    RAISE EXCEPTION 'target table % was filled by another plan (%): drop it, or run that plan', 'o''brien', done_hash;
  END IF;
  IF done_hash IS NULL AND has_rows THEN
    RAISE EXCEPTION 'target table % already holds rows masq did not write', 'o''brien';
  END IF;
  IF is_finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'o''brien', copied;
    RETURN;
  END IF;
  IF parts > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'o''brien', parts;
  END IF;
  copied := coalesce(copied, 0);
  WHILE NOT coalesce(is_done, false) LOOP
    take := 5000;
    hi := NULL;
    n := 0;
    IF take > 0 THEN
      EXECUTE $q$
SELECT ARRAY[s."id"::text] AS k
FROM "public"."o'brien" AS s
WHERE ($1::text[] IS NULL OR s."id" > ($1::text[])[1]::integer)
  AND ($3::text[] IS NULL OR s."id" <= ($3::text[])[1]::integer)
ORDER BY s."id"
LIMIT 1 OFFSET $2
      $q$ INTO hi USING lo, take - 1, NULL::text[];
      EXECUTE $q$
INSERT INTO "masked"."o'brien" ("id", "memo")
SELECT
  -- test/cases/quoted-names/input.masq:13 id: keep
  s."id" AS "id",
  -- test/cases/quoted-names/input.masq:14 memo: redact(char: "'")
  CASE WHEN s."memo" IS NULL THEN NULL ELSE repeat('''', char_length(s."memo")) END AS "memo"
FROM "public"."o'brien" AS s
WHERE ($1::text[] IS NULL OR s."id" > ($1::text[])[1]::integer)
  AND ($2::text[] IS NULL OR s."id" <= ($2::text[])[1]::integer)
      $q$ USING lo, hi;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    is_done := hi IS NULL;
    EXECUTE $q$
INSERT INTO "masked"."_masq_progress" AS p (table_name, part, plan_hash, last_key, rows, done, end_key)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (table_name, part) DO UPDATE
SET last_key = coalesce(excluded.last_key, p.last_key), rows = p.rows + excluded.rows,
    done = excluded.done, updated_at = now()
    $q$ USING 'o''brien', 0, '584e2b471fd5f662', coalesce(hi, lo), n, is_done, NULL::text[];
    COMMIT;
    copied := copied + n;
    RAISE NOTICE '%: % rows', 'o''brien', copied;
    lo := hi;
  END LOOP;
  EXECUTE $q$
DO $masq$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"masked"."o''brien"'::regclass AND conname = 'o''brien_pkey') THEN
    ALTER TABLE "masked"."o'brien" ADD CONSTRAINT "o'brien_pkey" PRIMARY KEY (id);
  END IF;
END $masq$;
ANALYZE "masked"."o'brien";
UPDATE "masked"."_masq_progress" SET finished = true, updated_at = now() WHERE table_name = 'o''brien';
  $q$;
END
$masq1$;
